using System.CommandLine;
using System.Globalization;
using OrleansGan.Client.Hosting;
using Spectre.Console;

namespace OrleansGan.Client.Commands;

/// <summary>The flags of a command that can reach a running cluster: its gateway, and how long to wait for it.</summary>
internal sealed class ClusterFlags
{
    private const double MaxTimeoutSeconds = 3600;

    public ClusterFlags(string description, bool required)
    {
        Cluster = new Option<string?>("--cluster") { Description = description, Required = required };
        ConnectTimeout = FlagParsers.Number<double>("--connect-timeout",
            string.Create(CultureInfo.InvariantCulture, $"Seconds to wait for the cluster's gateway before giving up (default {GameConnection.DefaultConnectTimeout.TotalSeconds:0})."));
        ConnectTimeout.DefaultValueFactory = _ => GameConnection.DefaultConnectTimeout.TotalSeconds;
    }

    public Option<string?> Cluster { get; }

    public Option<double> ConnectTimeout { get; }

    public IEnumerable<Option> All => [Cluster, ConnectTimeout];

    /// <summary>The cluster's address (gateways, or redis://host:port), checked for form (null: the embedded silo).</summary>
    /// <exception cref="ArgumentException">The address or the time-out is not usable; the message names the flag.</exception>
    public string? Gateway(ParseResult parse)
    {
        Timeout(parse);
        var gateway = parse.GetValue(Cluster);
        if (gateway is not null)
        {
            GameConnection.ParseCluster(gateway);
        }

        return gateway;
    }

    /// <summary>How long to wait for the gateway.</summary>
    /// <exception cref="ArgumentException">The time-out is not positive or absurdly long.</exception>
    public TimeSpan Timeout(ParseResult parse)
    {
        var seconds = parse.GetValue(ConnectTimeout);
        return seconds is > 0 and <= MaxTimeoutSeconds
            ? TimeSpan.FromSeconds(seconds)
            : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--connect-timeout: must be more than 0 and at most {MaxTimeoutSeconds} seconds (got {seconds})"));
    }

    /// <summary>
    /// Connects to the cluster the flags name, reads from it, and disconnects: the whole of a command that only looks
    /// (list, status). A bad flag is refused (exit 2), an unreachable gateway told in one line (exit 4), and a cluster
    /// that does not answer the read is told naming <paramref name="subject"/> (exit 4), each to <paramref name="errors"/>.
    /// </summary>
    /// <returns>The value read and 0, or default and the exit code to end with.</returns>
    public async Task<(T? Value, int ExitCode)> ReadAsync<T>(
        IAnsiConsole errors, ParseResult parse, string subject, Func<IClusterClient, Task<T>> read, CancellationToken cancel)
    {
        TimeSpan timeout;
        try
        {
            timeout = Timeout(parse);
        }
        catch (ArgumentException e)
        {
            errors.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return (default, RunCommand.InvalidInput);
        }

        var address = parse.GetValue(Cluster)!;
        var (connection, exit) = await RunCommand.ConnectAsync(errors, address, timeout, null, null, cancel);
        if (connection is null)
        {
            return (default, exit);
        }

        await using (connection)
        {
            try
            {
                return (await read(connection.Client), RunCommand.Finished);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                errors.MarkupLineInterpolated($"[red]error:[/] the cluster at {address} did not answer{subject}: {e.Message}");
                return (default, RunCommand.Failed);
            }
        }
    }
}
