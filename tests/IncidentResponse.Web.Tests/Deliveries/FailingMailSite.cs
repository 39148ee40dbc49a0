using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace IncidentResponse.Web.Tests.Deliveries;

/// <summary>
/// The console's test Host sending e-mail through an SMTP relay that refuses every connection (a port nothing listens
/// on), with no retries: every e-mail notice fails as it would when the relay is down, and nothing else is mocked.
/// </summary>
public sealed class FailingMailSite : ConsoleHostFixture
{
    private static readonly int ClosedPort = FreePort();

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Notifications:Email:Mode", "Smtp"),
        new("Notifications:Email:Host", "127.0.0.1"),
        new("Notifications:Email:Port", ClosedPort.ToString(CultureInfo.InvariantCulture)),
        new("Notifications:Email:Security", "None"),
        new("Notifications:Resilience:email:MaxRetries", "0"),
        new("Notifications:Resilience:email:Timeout", "00:00:05"),
    ];

    // A port the system just gave out and took back: nothing listens on it, so a connection is refused at once.
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
