using System.Security.Cryptography;
using IncidentResponse.Intake.Data;
using IncidentResponse.Intake.Reports;
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
        var origin = new ReportOrigin(MailboxIdentity.Channel, MailboxIdentity.ActorId(settings),
            sender is null ? "e-mail" : HeaderValue.Fit($"{sender.Name} <{sender.Address}>", StoredReport.MaxSubmittedByName));
        var hash = Hash(message, cancellationToken);
        var key = string.IsNullOrWhiteSpace(message.MessageId) || message.MessageId.Length > 200 || message.MessageId.Any(char.IsControl)
            ? fallbackKey
            : ReportMessageIds.KeyPrefix + message.MessageId;

        // Anyone can write any From address: a sender the mailbox does not know, or a failed check at our own server, waits for an operator.
        var hold = SenderCheck.HoldReason(message, settings);
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
