using System.IO.Pipelines;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Net;

namespace IncidentResponse.Testing;

/// <summary>
/// Accepts SMTP sessions with Nagle's algorithm off. The library's own listener leaves it on, so when a
/// client pipelines MAIL, RCPT and DATA (MailKit does, as the server offers PIPELINING) the second and
/// third replies wait for the client's delayed ACK of the first: about 40 ms per message, where a real
/// relay such as Postfix answers in about one. Plain TCP only: the test server offers no STARTTLS.
/// </summary>
internal sealed class SmtpNoDelayListener : IEndpointListenerFactory
{
    public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
    {
        ArgumentNullException.ThrowIfNull(endpointDefinition);
        var listener = new TcpListener(endpointDefinition.Endpoint);
        listener.Start();
        return new Listener(listener);
    }

    private sealed class Listener(TcpListener listener) : IEndpointListener
    {
        public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
        {
            var client = await listener.AcceptTcpClientAsync(cancellationToken);
            client.NoDelay = true;
            return new Session(client);
        }

        public void Dispose() => listener.Stop();
    }

    private sealed class Session : ISecurableDuplexPipe
    {
        private readonly TcpClient _client;

        public Session(TcpClient client)
        {
            _client = client;
            var stream = client.GetStream();
            Input = PipeReader.Create(stream);
            Output = PipeWriter.Create(stream);
        }

        public PipeReader Input { get; }

        public PipeWriter Output { get; }

        public bool IsSecure => false;

        public SslProtocols SslProtocol => SslProtocols.None;

        public Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("the test SMTP server offers no TLS");

        public void Dispose()
        {
            Input.Complete();
            Output.Complete();
            _client.Dispose();
        }
    }
}
