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

    /// <summary>
    /// "Name &lt;address&gt;" within its column: a long display name is cut, never the address, which tells an operator who wrote
    /// and by which the sender's reports are counted.
    /// </summary>
    private static string SenderName(MailboxAddress sender)
    {
        var address = HeaderValue.Fit(sender.Address, StoredReport.MaxSubmittedByName);
        var room = StoredReport.MaxSubmittedByName - address.Length - 3;
        var name = room >= 2 ? HeaderValue.Fit(sender.Name, room) : "";
        return HeaderValue.Fit(name.Length == 0 ? $"<{address}>" : $"{name} <{address}>", StoredReport.MaxSubmittedByName);
    }

    /// <summary>Why a report that would flow is held: its sender filed more than the hour allows; null otherwise.</summary>
    private async Task<string?> OverLimitAsync(MailboxAddress? sender, EmailIntakeOptions settings, CancellationToken cancellationToken)
    {
        if (settings.MaxReportsPerSenderPerHour <= 0 || sender?.Address is not { Length: > 0 } address)
        {
            return null;
        }

        var since = time.GetUtcNow().AddHours(-1);
        var suffix = $"<{HeaderValue.Fit(address, StoredReport.MaxSubmittedByName)}>";
        var names = await db.Reports.AsNoTracking().Where(r => r.Channel == MailboxIdentity.Channel && r.ReceivedAt >= since)
            .Select(r => r.SubmittedByName).ToListAsync(cancellationToken);
        var filed = names.Count(n => n.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));
        return filed < settings.MaxReportsPerSenderPerHour
            ? null
            : $"Người gửi đã gửi {filed} báo cáo trong một giờ qua, quá giới hạn {settings.MaxReportsPerSenderPerHour} / "
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
