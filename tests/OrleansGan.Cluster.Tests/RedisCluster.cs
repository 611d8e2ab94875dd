using OrleansGan.Client.Tests.Commands;
using OrleansGan.Grains.Placement;

namespace OrleansGan.Cluster.Tests;

/// <summary>
/// A Redis server and silo processes "silo-0", "silo-1", ... on loopback that keep everything in it: membership, the
/// grain directory, checkpoints, record logs, games' durable records and reminders. A silo can be killed (SIGKILL) and
/// restarted on its ports.
/// </summary>
internal sealed class RedisCluster : IAsyncDisposable
{
    private readonly RedisServer _redis;
    private readonly (int Silo, int Gateway)[] _ports;
    private readonly SiloProcess?[] _silos;

    // Every life of every silo, killed ones included: a failed survival test is explained by what the silos said.
    private readonly List<(string Silo, SiloProcess Life)> _lives = [];

    private RedisCluster(RedisServer redis, int count)
    {
        _redis = redis;
        _ports = Enumerable.Range(0, count).Select(_ => (FreePorts.Next(), FreePorts.Next())).ToArray();
        _silos = new SiloProcess?[count];
    }

    /// <summary>The Redis server's address.</summary>
    public string Redis => _redis.ConnectionString;

    /// <summary>Every silo's gateway port.</summary>
    public int[] Gateways => _ports.Select(p => p.Gateway).ToArray();

    /// <summary>The silos' names.</summary>
    public IEnumerable<string> Names => Enumerable.Range(0, _silos.Length).Select(Name);

    /// <summary>Starts Redis and <paramref name="count"/> silos, each with one logical CPU device.</summary>
    public static async Task<RedisCluster> StartAsync(int count)
    {
        var cluster = new RedisCluster(await RedisServer.StartAsync(), count);
        for (var i = 0; i < count; i++)
        {
            await cluster.RestartAsync(i);
        }

        return cluster;
    }

    /// <summary>The name of silo <paramref name="index"/>.</summary>
    public static string Name(int index) => $"silo-{index}";

    /// <summary>The index of the silo named <paramref name="name"/>.</summary>
    public static int IndexOf(string name) => int.Parse(name["silo-".Length..], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>SIGKILL of silo <paramref name="index"/>.</summary>
    public async Task KillAsync(int index)
    {
        if (_silos[index] is { } silo)
        {
            await silo.DisposeAsync();
            _silos[index] = null;
        }
    }

    /// <summary>Starts silo <paramref name="index"/> (again) on its ports and waits for it to say it is ready.</summary>
    public async Task RestartAsync(int index)
    {
        await KillAsync(index);
        _silos[index] = await SiloProcess.StartAsync(_ports[index].Silo, _ports[index].Gateway, $"redis://{Redis}",
            "--Clustering:Redis", Redis, "--Silo:Name", Name(index), "--Silo:Devices", "cpu:0");
        lock (_lives)
        {
            _lives.Add((Name(index), _silos[index]!));
        }
    }

    /// <summary>
    /// Runs <paramref name="test"/>; if it fails, writes every silo life's whole output to a folder and the warnings and
    /// errors of each (at most <paramref name="lines"/> per life) to <paramref name="output"/>, then fails the same way.
    /// A survival test that fails on CI leaves nothing else behind to read.
    /// </summary>
    public async Task ExplainingFailureAsync(Xunit.Abstractions.ITestOutputHelper output, Func<Task> test, int lines = 40)
    {
        try
        {
            await test();
        }
        catch
        {
            var folder = Directory.CreateTempSubdirectory("orleansgan-silo-logs-").FullName;
            List<(string Silo, SiloProcess Life)> lives;
            lock (_lives)
            {
                lives = [.. _lives];
            }

            foreach (var ((silo, life), i) in lives.Select((l, i) => (l, i)))
            {
                var all = life.Output;
                await File.WriteAllTextAsync(Path.Combine(folder, $"{i:D2}-{silo}.log"), all);
                var notable = all.Split('\n').Where(l => l.StartsWith("warn:", StringComparison.Ordinal) || l.StartsWith("fail:", StringComparison.Ordinal)
                    || l.StartsWith("crit:", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal)).ToList();
                output.WriteLine($"--- {silo}, life {i} ({notable.Count} warnings and errors, last {Math.Min(lines, notable.Count)}):");
                foreach (var line in notable.TakeLast(lines))
                {
                    output.WriteLine(line);
                }
            }

            output.WriteLine($"--- every silo's whole output: {folder}");
            throw;
        }
    }

    /// <summary>A client that knows every gateway.</summary>
    public Task<ClusterClient> ConnectAsync() => ClusterClient.ConnectAsync(Gateways);

    /// <summary>
    /// Waits until the placement book sees <paramref name="count"/> active silos. Membership is eventually consistent
    /// and offers a client nothing to await, so this asks, boundedly.
    /// </summary>
    public static async Task WaitForSilosAsync(IClusterClient client, int count)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            try
            {
                if ((await client.GetGrain<IPlacementBookGrain>(0).SilosAsync()).Count == count)
                {
                    return;
                }
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException && DateTime.UtcNow < deadline)
            {
                // The book's silo may be the one that just died.
            }

            Assert.True(DateTime.UtcNow < deadline, $"the cluster did not reach {count} active silos");
            await Task.Delay(200);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        for (var i = 0; i < _silos.Length; i++)
        {
            await KillAsync(i);
        }

        await _redis.DisposeAsync();
    }
}
