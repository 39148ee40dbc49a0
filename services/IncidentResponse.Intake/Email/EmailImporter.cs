using System.Security.Cryptography;
using IncidentResponse.Intake.Data;
using IncidentResponse.Intake.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace IncidentResponse.Intake.Email;

/// <summary>
/// Files one e-mail as a report with its attachments, in one transaction, idempotently: the
/// message's Message-ID (or, without one, its mailbox UID) is the idempotency key of the
/// mailbox's submitter, so reading the same message again — after a crash before it was marked,
/// or by another Host — answers with the report already stored.
/// </summary>
public sealed class EmailImporter(
    ReportInbox inbox, IntakeDbContext db, IOptions<EmailIntakeOptions> options, TimeProvider time, IOptions<IntakeOptions>? intake = null)
{
    public sealed record Imported(Guid ReportId, bool Replayed);

    public async Task<Imported> ImportAsync(MimeMessage message, string fallbackKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        var report = EmailReport.Build(message, settings, time.GetUtcNow(), intake?.Value.Detection);
        var attachments = EmailAttachments.Read(message, settings.MaxAttachmentBytes, cancellationToken);
        var sender = message.From.Mailboxes.FirstOrDefault();
        // The sender is whatever the sending program wrote: cut to its column (a long display name once stopped the mailbox).
        var origin = new ReportOrigin(MailboxIdentity.Channel, MailboxIdentity.ActorId(settings), sender is null ? "e-mail" : SenderName(sender));
        var hash = Hash(message, cancellationToken);
        var key = string.IsNullOrWhiteSpace(message.MessageId) || message.MessageId.Length > 200 || message.MessageId.Any(char.IsControl)
            ? fallbackKey
            : ReportMessageIds.KeyPrefix + message.MessageId;

        // Anyone can write any From address: a sender the mailbox does not know, or a failed check at our own server, waits for an operator.
        var hold = SenderCheck.HoldReason(message, settings) ?? await OverLimitAsync(sender, settings, cancellationToken);
        var result = await AcceptAsync(report, origin, key, hash, attachments, hold, cancellationToken);
        if (result is AcceptResult.KeyReused)
        {
            // Another message under a Message-ID already used: a broken or hostile mailer. Keep it too.
            result = await AcceptAsync(report, origin, $"{key}#{hash[..16]}", hash, attachments, hold, cancellationToken);
        }

        return result is AcceptResult.Accepted accepted
            ? new Imported(accepted.ReportId, accepted.Replayed)
            : throw new InvalidOperationException($"e-mail {key} could not be stored: {result}");
    }

    /// <summary>The start of the reason a report is held for its sender's volume, by which such reports are counted.</summary>
    public const string OverLimitReason = "Người gửi đã gửi ";

    /// <summary>
    /// "Name &lt;address&gt;" within its column: a long display name is cut, never the address (cut the same way every time
    /// when it alone is too long), which tells an operator who wrote and by which the sender's reports are counted.
    /// </summary>
    private static string SenderName(MailboxAddress sender)
    {
        var address = Bracketed(sender.Address);
        var room = StoredReport.MaxSubmittedByName - address.Length - 1;
        var name = room >= 2 ? HeaderValue.Fit(sender.Name, room) : "";
        return name.Length == 0 ? address : $"{name} {address}";
    }

    private static string Bracketed(string address) => HeaderValue.Fit($"<{address}>", StoredReport.MaxSubmittedByName);

    /// <summary>
    /// Why a report that would flow is held: its sender (its address, ignoring case) filed more than the hour allows, counting
    /// the reports that flowed and those held for this reason (not those held as unknown or failing authentication, which a
    /// forger could send in a partner's name to get its real reports held); null otherwise.
    /// </summary>
    private async Task<string?> OverLimitAsync(MailboxAddress? sender, EmailIntakeOptions settings, CancellationToken cancellationToken)
    {
        if (settings.MaxReportsPerSenderPerHour <= 0 || sender?.Address is not { Length: > 0 } address)
        {
            return null;
        }

        var since = time.GetUtcNow().AddHours(-1);
        var suffix = Bracketed(address).ToLowerInvariant();
#pragma warning disable CA1304, CA1311 // ToLower() is translated to SQL lower(): no culture of this process applies
        var filed = await db.Reports.AsNoTracking()
            .Where(r => r.Channel == MailboxIdentity.Channel && r.ReceivedAt >= since && (r.HoldReason == null || r.HoldReason.StartsWith(OverLimitReason))
                && r.SubmittedByName.ToLower().EndsWith(suffix))
            .Take(settings.MaxReportsPerSenderPerHour).CountAsync(cancellationToken);
#pragma warning restore CA1304, CA1311
        return filed < settings.MaxReportsPerSenderPerHour
            ? null
            : $"{OverLimitReason}{filed} báo cáo trong một giờ qua, quá giới hạn {settings.MaxReportsPerSenderPerHour} / "
              + $"the sender filed {filed} reports in the past hour, over the limit of {settings.MaxReportsPerSenderPerHour}";
    }

    private async Task<AcceptResult> AcceptAsync(
        Contracts.Reports.IncidentReport report, ReportOrigin origin, string key, string hash, List<ReportAttachment> attachments, string? hold,
        CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        return await inbox.AcceptAsync(new Submission(report, origin, key, hash, hold, attachments), cancellationToken);
    }

    private static string Hash(MimeMessage message, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream, cancellationToken);
        return Convert.ToHexStringLower(SHA256.HashData(stream.ToArray()));
    }
}
