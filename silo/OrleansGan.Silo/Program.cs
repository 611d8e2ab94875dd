using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using OrleansGan.Grains.Hosting;

// A silo on localhost clustering. Ports and ids come from appsettings.json, environment variables
// (Silo__GatewayPort=30001) or arguments (--Silo:GatewayPort 30001).
var builder = Host.CreateApplicationBuilder(args);
var silo = builder.Configuration.GetSection("Silo");
var clusterId = silo["ClusterId"] ?? "orleansgan";
var siloPort = silo.GetValue("SiloPort", 11111);
var gatewayPort = silo.GetValue("GatewayPort", 30000);
var checkpoints = builder.Configuration["Checkpoints:Path"] ?? Path.Combine(Environment.CurrentDirectory, "checkpoints");
var name = silo["Name"] ?? $"{Environment.MachineName}-{siloPort}";
var devices = (silo["Devices"] ?? "cpu").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
builder.UseOrleans(orleans => orleans
    .UseLocalhostClustering(siloPort, gatewayPort, serviceId: clusterId, clusterId: clusterId)
    .AddOrleansGan(checkpoints, name, devices));

using var host = builder.Build();
await host.StartAsync();
Console.WriteLine($"OrleansGan silo ready: '{name}' in cluster '{clusterId}', devices {string.Join(",", devices)}, silo port {siloPort}, gateway 127.0.0.1:{gatewayPort}, checkpoints in {checkpoints}. Ctrl+C stops it.");
await host.WaitForShutdownAsync();
