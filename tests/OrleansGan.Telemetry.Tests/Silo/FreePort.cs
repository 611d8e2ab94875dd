using System.Net;
using System.Net.Sockets;

namespace OrleansGan.Telemetry.Tests.Silo;

/// <summary>A loopback port that nothing listens on right now.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
