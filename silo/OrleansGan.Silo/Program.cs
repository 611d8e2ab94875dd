using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orleans.Dashboard;
using OrleansGan.Grains.Hosting;
using OrleansGan.Grains.Telemetry;
using OrleansGan.Live;

// A silo (Redis membership when Clustering:Redis names a Redis server, else Orleans' localhost development clustering) that serves its metrics at /metrics (Prometheus text format), the live pages of
// the cluster's games at /games (Live:Pages, on by default; read-only) and, when switched on, the Orleans dashboard at /dashboard, all on the telemetry port. With --live-port N (Live:Port) the
// live pages have a port of their own instead, at Live:Address (loopback by default), and the telemetry port no longer serves them. Ports and ids come from appsettings.json,
// environment variables (Silo__GatewayPort=30001, Telemetry__Port=9465) or arguments (--Silo:GatewayPort 30001);
// Telemetry:Port 0 takes any free port, which the ready line names.
// Content root: the build output, where appsettings.json is copied, whatever folder the silo is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddCommandLine(args, new Dictionary<string, string> { ["--live-port"] = "Live:Port", ["--live-address"] = "Live:Address" });
var silo = builder.Configuration.GetSection("Silo");
var clusterId = silo["ClusterId"] ?? "orleansgan";
var siloPort = silo.GetValue("SiloPort", 11111);
var gatewayPort = silo.GetValue("GatewayPort", 30000);
var checkpoints = builder.Configuration["Checkpoints:Path"] ?? Path.Combine(Environment.CurrentDirectory, "checkpoints");
var name = silo["Name"] ?? $"{Environment.MachineName}-{siloPort}";

// Further silos on this machine join the first one's development cluster through its silo port (Silo:PrimarySiloPort).
var primaryPort = silo.GetValue<int?>("PrimarySiloPort");
var primary = primaryPort is { } p ? new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, p) : null;
// libtorch's intra-op threads for this process (Silo:TorchThreads; default 1, 0 = libtorch's own default of one per core).
var torchThreads = silo.GetValue("TorchThreads", OrleansGan.Core.Native.TorchRuntime.SiloIntraOpThreads);
var devices = (silo["Devices"] ?? "cpu").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
var telemetry = builder.Configuration.GetSection("Telemetry");
var address = IPAddress.Parse(telemetry["Address"] ?? "127.0.0.1");
var port = telemetry.GetValue("Port", 9464);
var dashboard = telemetry.GetValue("Dashboard", false);
var livePages = builder.Configuration.GetValue("Live:Pages", true);
int? livePort = null;
IPAddress liveAddress;
try
{
    livePort = builder.Configuration["Live:Port"] is { } given
        ? int.TryParse(given, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 65535 && n != port
            ? n
            : throw new ArgumentException($"--live-port: '{given}' is not a port (1-65535) other than the telemetry port {port}")
        : null;
    liveAddress = builder.Configuration["Live:Address"] is { } named
        ? IPAddress.TryParse(named, out var parsed) ? parsed : throw new ArgumentException($"--live-address: '{named}' is not an IP address")
        : IPAddress.Loopback;
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}

builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Listen(address, port);
    if (livePages && livePort is { } live)
    {
        kestrel.Listen(liveAddress, live);
    }
});
builder.UseOrleans(orleans =>
{
    if (builder.Configuration["Clustering:Redis"] is { Length: > 0 } redis)
    {
        // Real membership: any number of silos, on any machines that reach the Redis server, form one cluster.
        // The grain directory lives in Redis too: when a silo dies, the entries of the grains it did not host survive
        // it, so a game on a surviving silo keeps its one activation while its lost player is re-seated elsewhere.
        orleans.UseRedisGrainDirectoryAsDefault(options => options.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(redis));
        orleans.UseRedisClustering(redis)
            .ConfigureEndpoints(IPAddress.Parse(silo["Address"] ?? "127.0.0.1"), siloPort, gatewayPort, listenOnAnyHostAddress: false)
            .Configure<Orleans.Configuration.ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, clusterId));
    }
    else
    {
        orleans.UseLocalhostClustering(siloPort, gatewayPort, primary, serviceId: clusterId, clusterId: clusterId);
    }

    orleans.AddOrleansGan(checkpoints, name, devices, torchThreads);
    if (dashboard)
    {
        orleans.AddDashboard();
    }
});
builder.AddOrleansGanTelemetry();

await using var app = builder.Build();
app.MapOrleansGanMetrics();
if (livePages)
{
    app.MapOrleansGanLivePages(onlyOnPort: livePort);
}

if (dashboard)
{
    app.MapOrleansDashboard("/dashboard");
}

try
{
    await app.StartAsync();
}
catch (IOException e)
{
    // Kestrel could not bind the telemetry or the live port (in use).
    Console.Error.WriteLine($"error: could not serve on {address}:{port}{(livePort is { } taken ? $" and {liveAddress}:{taken}" : "")}: {e.Message}");
    return 2;
}

// The bound addresses: Telemetry:Port 0 picks a free port.
var web = app.Urls.First(u => livePort is null || !u.EndsWith($":{livePort}", StringComparison.Ordinal));
var pages = !livePages ? "" : livePort is { } served ? $", live pages http://{liveAddress}:{served}/games" : $", live pages {web}/games";
Console.WriteLine($"OrleansGan silo ready: '{name}' in cluster '{clusterId}', devices {string.Join(",", devices)}, silo port {siloPort}, " +
    $"gateway 127.0.0.1:{gatewayPort}, checkpoints in {checkpoints}, metrics {web}/metrics{pages}{(dashboard ? $", dashboard {web}/dashboard" : "")}. Ctrl+C stops it.");
await app.WaitForShutdownAsync();
return 0;
