using System.Security.Cryptography;
using IncidentResponse.Contracts.Documents;
using IncidentResponse.Contracts.Notifications;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Configuration;
using IncidentResponse.Notifications.Data;
using IncidentResponse.Notifications.Deliveries;
using IncidentResponse.Notifications.Partners;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Outbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Notifications.Documents;

/// <summary>
/// Sends an issued document by e-mail: keeps its files (checked against their SHA-256) and adds one notification per
/// recipient (origin <c>document</c>, e-mail channels only), which the dispatcher delivers like every other notice —
/// with retries, every attempt on record, and <c>NotificationDelivered</c> / <c>NotificationFailed</c> back to the
/// timeline (a periodic report's form belongs to no incident: its outcome is in the deliveries list only). A legal recipient role goes to the units the directory names for it (<see cref="RecipientRoles"/>). A
/// recipient found nowhere fails at once, on the record. Applied once per message, and once per sending
/// and recipient whatever the message.
/// </summary>
public sealed class SendIssuedDocumentConsumer(
    NotificationsDbContext db, NotificationRequests requests, NotificationRules rules, DispatchSignal signal, TimeProvider time)
    : IConsumer<SendIssuedDocument>
{
    public async Task Consume(ConsumeContext<SendIssuedDocument> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await SendAsync(context.MessageId ?? throw new InvalidOperationException("message has no MessageId"), context.Message, context.CancellationToken) > 0)
        {
            signal.Notify();
        }
    }

    /// <summary>Applies the message once; returns how many notifications it added.</summary>
    public Task<int> SendAsync(Guid messageId, SendIssuedDocument m, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(m);
        if (Sha256(m.Pdf) != m.PdfSha256 || Sha256(m.Docx) != m.DocxSha256)
        {
            throw new InvalidDataException($"the files of document {m.DocumentId} do not match their SHA-256");
        }

        return db.RetryOnConflictAsync(async () =>
        {
            var now = time.GetUtcNow();
            if (!await db.TryRecordFirstDeliveryAsync(messageId, nameof(SendIssuedDocumentConsumer), now, cancel))
            {
                return 0;
            }

            if (!await db.IssuedDocumentCopies.AnyAsync(d => d.DocumentId == m.DocumentId, cancel))
            {
                db.IssuedDocumentCopies.Add(new IssuedDocumentCopy
                {
                    DocumentId = m.DocumentId, IncidentId = m.IncidentId, Form = m.Form, Version = m.Version, FileName = m.FileName,
                    Pdf = m.Pdf, PdfSha256 = m.PdfSha256, Docx = m.Docx, DocxSha256 = m.DocxSha256, StoredAt = now,
                });
            }

            // A periodic report's form (Mẫu 05) is about no incident: its notices carry the report's number and name.
            var facts = m.IncidentId == Notification.NoIncident
                ? new IncidentFacts(Notification.NoIncident, m.IncidentNumber, m.DutyNameVi ?? m.FormNameVi, "other:undetermined", 0, false,
                    Periodic.PeriodicReportReminderConsumer.Tlp, false, null, null, [])
                : await IncidentFacts.LatestAsync(db, m.IncidentId, m.IncidentNumber, null, cancel);
            var document = new DocumentRef(m.DocumentId, m.Form, m.FormNameVi, m.FormNameEn, m.Version, m.FileName, m.PdfSha256, m.DocxSha256,
                m.IssuedBy, m.IssuedAt, m.DutyNameVi, m.DutyNameEn, m.DutyBasis);
            var added = 0;
            foreach (var to in await ExpandAsync(m, now, cancel))
            {
                var key = $"document:{m.SendingId:N}:{to}";
                key = key.Length <= 200 ? key : key[..200];
                var recipient = await DocumentRecipients.ResolveAsync(db, to, cancel);
                var notification = await requests.AddAsync(db, recipient ?? DocumentRecipients.Unknown(to), facts, NoticeKind.Document, null, key, NotificationOrigins.Document,
                    $"Gửi văn bản {m.FormNameVi}, phiên bản {m.Version}", $"Sending the {m.FormNameEn}, version {m.Version}", now, cancel);
                if (notification is null)
                {
                    continue;
                }

                DocumentRecipients.AsEmailLetter(notification, notice => notice with { Document = document });
                if (recipient is null)
                {
                    Fail(notification, to, now);
                }

                added++;
            }

            await db.SaveChangesAsync(cancel);
            return added;
        }, cancel);
    }

    /// <summary>
    /// The recipients with each legal recipient role (<c>specialised-unit</c>, <c>owner</c> …) replaced by the units the
    /// directory in force names for it (the owner: the unit whose name or alias is the incident's owner agency). A role
    /// no unit fills stays as it is, and is recorded as not found.
    /// </summary>
    private async Task<IReadOnlyList<string>> ExpandAsync(SendIssuedDocument m, DateTimeOffset now, CancellationToken cancel)
    {
        var directory = rules.DirectoryAt(now).Content;
        var owner = await db.Incidents.AsNoTracking().Where(i => i.IncidentId == m.IncidentId).Select(i => i.OwnerAgency).FirstOrDefaultAsync(cancel);
        var expanded = new List<string>();
        foreach (var to in m.Recipients)
        {
            var units = to == RecipientRoles.Owner || directory.RecipientRoles.ContainsKey(to) ? RecipientRoles.Resolve(directory, to, owner) : [];
            expanded.AddRange(units.Count > 0 ? units : [to]);
        }

        return expanded.Distinct(StringComparer.Ordinal).ToList();
    }

    private void Fail(Notification notification, string to, DateTimeOffset now)
    {
        DocumentRecipients.FailUnknown(notification, to, now);
        if (notification.IncidentId == Notification.NoIncident)
        {
            return; // no timeline hears of it; the deliveries list has it
        }

        db.PublishAfterCommit(new NotificationFailed(notification.Id, notification.IncidentId, notification.IncidentNumber, notification.UnitCode,
            notification.RecipientName, [], 0, notification.LastError!, now, null, NotificationOrigins.Document), now);
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
