using System.Net;
using System.Net.Sockets;

namespace OrleansGan.Client.Tests.Commands;

/// <summary>A loopback port nothing listens on now, for a test's --metrics-port or --live-port.</summary>
internal static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
