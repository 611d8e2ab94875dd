using Microsoft.Extensions.Hosting;

namespace OrleansGan.Client.Hosting;

/// <summary>
/// The lifetime of the client's hosts (the embedded silo, the cluster client): none of their own. The default console
/// lifetime registers SIGINT and SIGTERM handlers that cancel every signal and stop the host, so a second Ctrl+C never
/// reached the command's own handler (Program.cs), which lets it end the process at once: a user who pressed Ctrl+C
/// twice waited for the game's round in progress, and an MNIST evaluation, to end. The command decides when its hosts stop.
/// </summary>
internal sealed class CommandOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
