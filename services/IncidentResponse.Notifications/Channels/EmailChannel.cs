using System.Globalization;
using System.Net.Sockets;
using IncidentResponse.ServiceDefaults;
using IncidentResponse.ServiceDefaults.Committee;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// E-mail through MailKit: a multipart/alternative (text and HTML, UTF-8) message, written to the pickup
/// folder or submitted to the SMTP relay over the shared sessions of <see cref="SmtpConnections"/>.
/// SMTP 4xx replies and transport errors are transient; 5xx replies (e.g. 550 recipient rejected) are permanent.
/// </summary>
public sealed partial class EmailChannel(
    IOptions<EmailOptions> options,
    IOptions<CommitteeOptions> committee,
    SmtpConnections smtp,
    TimeProvider time,
    ILogger<EmailChannel> logger) : INotificationChannel
{
    public const string ChannelName = "email";

    public string Name => ChannelName;

    /// <summary>One breaker for the mail relay, whoever the recipient is.</summary>
    public string EndpointOf(Destination destination)
    {
        var settings = options.Value;
        return settings.Mode == EmailMode.Smtp ? $"smtp:{settings.Host}:{settings.Port}" : "pickup";
    }

    public async Task<ChannelResult> SendAsync(Notice notice, Recipient recipient, Destination destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(destination);
        if (!MailboxAddress.TryParse(destination.Address, out var to) || !to.Address.Contains('@', StringComparison.Ordinal))
        {
            return ChannelResult.Permanent("invalid e-mail address");
        }

        var settings = options.Value;
        to = new MailboxAddress(string.IsNullOrWhiteSpace(to.Name) ? recipient.Name : to.Name, to.Address);
        var from = new MailboxAddress(settings.FromName is { Length: > 0 } name ? name : committee.Value.NameVi, settings.FromAddress);
        var message = notice.Document is not null ? DocumentEmail.Build(notice, recipient, to, from, time.GetUtcNow())
            : notice.Receipt is not null ? ReceiptEmail.Build(notice, recipient, to, from, time.GetUtcNow())
            : notice.Periodic is not null ? PeriodicReminderEmail.Build(notice, recipient, to, from, time.GetUtcNow())
            : EmailMessage.Build(notice, recipient, to, from, time.GetUtcNow());
        return settings.Mode == EmailMode.Pickup
            ? await PickupAsync(message, notice, settings, cancellationToken)
            : await SubmitAsync(message, notice, settings, cancellationToken);
    }

    private async Task<ChannelResult> PickupAsync(MimeMessage message, Notice notice, EmailOptions settings, CancellationToken cancellationToken)
    {
        var directory = settings.PickupDirectory ?? Path.Combine("data", "mail-pickup");
        try
        {
            var name = await MailPickup.WriteAsync(message, directory, notice.NotificationId, notice.Round, time.GetUtcNow(), cancellationToken);
            return ChannelResult.Delivered($"pickup: {name}", message.MessageId);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogFailed(logger, notice.NotificationId, Failures.Describe(ex));
            return ChannelResult.Transient($"pickup: {ex.Message}");
        }
    }

    private async Task<ChannelResult> SubmitAsync(MimeMessage message, Notice notice, EmailOptions settings, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(settings.Host))
        {
            return ChannelResult.Permanent("no SMTP host configured");
        }

        try
        {
            var reply = await smtp.SendAsync(message, cancellationToken);
            return ChannelResult.Delivered(WithStatus(reply), message.MessageId);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            var result = Classify(ex);
            LogFailed(logger, notice.NotificationId, result.ProviderResponse);
            return result;
        }
    }

    /// <summary>MailKit returns the text of the 250 reply to the end of data; the record keeps the status too.</summary>
    private static string WithStatus(string reply) =>
        reply.Length >= 3 && char.IsAsciiDigit(reply[0]) && char.IsAsciiDigit(reply[1]) && char.IsAsciiDigit(reply[2])
            ? reply
            : $"250 {reply}".TrimEnd();

    internal static ChannelResult Classify(Exception ex) => ex switch
    {
        SmtpCommandException command when (int)command.StatusCode is >= 400 and < 500 =>
            ChannelResult.Transient(Reply(command)),
        SmtpCommandException command => ChannelResult.Permanent(Reply(command)),
        AuthenticationException => ChannelResult.Permanent($"authentication failed: {ex.Message}"),
        SmtpProtocolException or IOException or SocketException or TimeoutException or ServiceNotConnectedException
            or SslHandshakeException or OperationCanceledException => ChannelResult.Transient($"{ex.GetType().Name}: {ex.Message}"),
        ObjectDisposedException => ChannelResult.Transient("shutting down"),
        InvalidOperationException => ChannelResult.Permanent(ex.Message),
        _ => ChannelResult.Transient($"{ex.GetType().Name}: {ex.Message}"),
    };

    private static string Reply(SmtpCommandException ex) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)ex.StatusCode} {ex.Message}");

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mail for notification {NotificationId} not delivered: {Reason}")]
    private static partial void LogFailed(ILogger logger, Guid notificationId, string reason);
}
