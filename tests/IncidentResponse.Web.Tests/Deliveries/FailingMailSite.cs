using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace IncidentResponse.Web.Tests.Deliveries;

/// <summary>
/// The console's test Host sending e-mail through an SMTP relay that hangs up on every connection before its greeting, with
/// no retries: every e-mail notice fails as it would with the relay broken, and nothing else is mocked.
/// </summary>
public sealed class FailingMailSite : ConsoleHostFixture
{
    private static readonly int RelayPort = StartHangingUpRelay();

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Notifications:Email:Mode", "Smtp"),
        new("Notifications:Email:Host", "127.0.0.1"),
        new("Notifications:Email:Port", RelayPort.ToString(CultureInfo.InvariantCulture)),
        new("Notifications:Email:Security", "None"),
        new("Notifications:Resilience:email:MaxRetries", "0"),
        new("Notifications:Resilience:email:Timeout", "00:00:05"),
    ];

    // A listener kept for the test process's life (so no other test takes its port) that closes each connection at once.
    private static int StartHangingUpRelay()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        _ = Task.Run(async () =>
        {
            while (true)
            {
                using var client = await listener.AcceptTcpClientAsync();
            }
        });
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
