using OpenTelemetry.Resources;

namespace OrleansGan.Grains.Telemetry;

/// <summary>
/// Names the silo in the telemetry resource, as host:port of its silo endpoint. The Prometheus exporter copies it
/// onto every series as the <c>silo</c> label, so Orleans' and the runtime's series carry it as well as the game's.
/// </summary>
internal sealed class SiloResource(ILocalSiloDetails silo) : IResourceDetector
{
    /// <inheritdoc />
    public Resource Detect() => new([new(TagNames.Silo, silo.SiloAddress.Endpoint.ToString())]);
}
