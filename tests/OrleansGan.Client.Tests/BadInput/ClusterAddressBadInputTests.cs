using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using OrleansGan.Client.Tests.Commands;

namespace OrleansGan.Client.Tests.BadInput;

/// <summary>
/// Cluster addresses: a malformed one is invalid input (exit 2) for every command that takes one; a well-formed one
/// that nothing answers at, or whose host does not resolve, fails within --connect-timeout (exit 4) in one line
/// naming the address on standard error, where before every command hung silently or crashed with a SocketException.
/// </summary>
public sealed class ClusterAddressBadInputTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> Malformed => new() { "nowhere", ":30000", "host:", "host:0", "host:65536", "host:http", "two words:30000", "[::1:30000", "1.2.3.4:30000:", "" };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_address_is_invalid_input_for_every_command(string address)
    {
        foreach (var args in Commands(address))
        {
            var printed = await CommandLine.InvokeAsync(args);
            Assert.True(printed.ExitCode == 2, $"{string.Join(' ', args)}: {printed}");
            Assert.Contains($"--cluster: '{address}' is not host:port", printed.Errors);
        }

        Assert.False(Directory.Exists(_folder.Sub("run")));
    }

    [Theory]
    [InlineData("redis://nowhere", "--cluster: 'redis://nowhere' is not redis://host:port")]
    [InlineData("redis://:6379", "--cluster: 'redis://:6379' is not redis://host:port")]
    [InlineData("127.0.0.1:30000,nowhere", "--cluster: 'nowhere' is not host:port")]
    [InlineData("127.0.0.1:30000,", "--cluster: '' is not host:port")]
    public async Task A_malformed_gateway_list_or_redis_address_is_invalid_input_naming_the_part(string address, string expected)
    {
        foreach (var args in Commands(address))
        {
            var printed = await CommandLine.InvokeAsync(args);
            Assert.True(printed.ExitCode == 2, $"{string.Join(' ', args)}: {printed}");
            Assert.Contains(expected, printed.Errors);
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("100000")]
    public async Task A_connect_timeout_that_is_not_a_time_is_invalid_input(string seconds)
    {
        var (exit, _, errors) = await CommandLine.InvokeAsync("list", "--cluster", "127.0.0.1:1", "--connect-timeout", seconds);
        Assert.Equal(2, exit);
        Assert.Contains("--connect-timeout: must be more than 0 and at most 3600 seconds", errors);
    }

    [Fact]
    public async Task An_address_nothing_answers_at_fails_within_the_timeout_for_every_command()
    {
        // A port that was free a moment ago: connections are refused.
        var address = $"127.0.0.1:{ClosedPort()}";
        foreach (var args in Commands(address))
        {
            var watch = Stopwatch.StartNew();
            var printed = await CommandLine.InvokeAsync([.. args, "--connect-timeout", "2"]);
            Assert.True(printed.ExitCode == 4, $"{string.Join(' ', args)}: {printed}");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"{args[0]} took {watch.Elapsed}");
            Assert.Equal($"error: could not reach the cluster at {address}: no answer within 2 s (--connect-timeout)", printed.Errors.Trim().Split('\n')[^1].Trim());

            // `list > games.tsv` leaves an empty file, not one that holds the error.
            Assert.True(printed.Output == "", $"{string.Join(' ', args)}: {printed}");
        }

        Assert.False(Directory.Exists(_folder.Sub("run")), "run must not leave a folder for a game that never started");
        Assert.False(Directory.Exists(_folder.Sub("analysis")));
    }

    [Fact]
    public async Task A_host_that_does_not_resolve_fails_in_one_line_naming_it()
    {
        // .invalid never resolves (RFC 2606).
        var (exit, _, errors) = await CommandLine.InvokeAsync("list", "--cluster", "no-such-host.invalid:30000");
        Assert.Equal(4, exit);
        Assert.StartsWith("error: could not reach the cluster at no-such-host.invalid:30000: host 'no-such-host.invalid' ", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("SocketException", errors);
    }

    // Every command that takes --cluster, in a form that gets as far as connecting.
    private IEnumerable<string[]> Commands(string address)
    {
        var runFolder = _folder.Sub("resumable");
        Directory.CreateDirectory(runFolder);
        File.WriteAllText(Path.Combine(runFolder, "game-id.txt"), "ring8-1-abcdef\n");
        File.WriteAllText(Path.Combine(runFolder, "spec.json"), "rounds: 10\n");
        return
        [
            ["status", "some-game", "--cluster", address],
            ["list", "--cluster", address],
            ["run", "--rounds", "5", "--cluster", address, "--out", _folder.Sub("run")],
            ["resume", "--run", runFolder, "--cluster", address],
            ["analyze", "--games", "bilinear", "--protocols", "simultaneous", "--cluster", address, "--out", _folder.Sub("analysis")],
        ];
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
