using Microsoft.Extensions.Hosting;
using OrleansGan.Core.Native;

namespace OrleansGan.Grains.Hosting;

/// <summary>
/// Every <see cref="Every"/>, hands the pages libtorch freed back to the system (<see cref="MallocArenas.Trim"/>).
/// Two 40,000-round games side by side: without it native memory grew 25 MB after round 10,000, in steps that glibc
/// never returned, and with it 2 MB, at the same rounds/s (docs/benchmarks/long-game.md).
/// </summary>
internal sealed class NativeMemoryTrimmer : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                MallocArenas.Trim();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
