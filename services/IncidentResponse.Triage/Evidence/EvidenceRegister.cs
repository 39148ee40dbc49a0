using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IncidentResponse.Contracts.Api.Evidence;
using IncidentResponse.ServiceDefaults.Committee;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Timeline;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Triage.Evidence;

/// <summary>A file to keep as evidence, as the uploader described it.</summary>
public sealed record EvidenceUpload(
    string FileName, string ContentType, byte[] Content, string Description, string? Source, DateTimeOffset? CollectedAt, string? CollectedBy);

/// <summary>What became of an upload.</summary>
public abstract record EvidenceOutcome
{
    /// <summary>Kept now, or (<paramref name="Replayed"/>) the item a retry under the same key kept before.</summary>
    public sealed record Added(Guid EvidenceId, bool Replayed) : EvidenceOutcome;

    public sealed record KeyReused(Guid EvidenceId) : EvidenceOutcome;

    public sealed record NotFound(string What, Guid Id) : EvidenceOutcome;

    /// <summary>A hand-over recorded (or, <paramref name="Changed"/> false, the item already with that holder).</summary>
    public sealed record Transferred(EvidenceItem Item, bool Changed) : EvidenceOutcome;
}

/// <summary>
/// The incident's evidence register: keeps a file with its SHA-256 as the incident's next item and records it on the
/// timeline, and hands an item over to a new custodian, each in one transaction under the incident's lock (the
/// timeline's writers line up on it).
/// </summary>
public static class EvidenceRegister
{
    public static Task<EvidenceOutcome> AddAsync(
        TriageDbContext db, Guid incidentId, EvidenceUpload upload, Actor actor, string? idempotencyKey, TimeZoneInfo zone, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(time);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(upload.Content));
        var requestHash = Hash(sha256, upload.FileName, upload.Description, upload.Source, upload.CollectedAt?.ToString("O", CultureInfo.InvariantCulture), upload.CollectedBy);
        return db.RetryOnConflictAsync<EvidenceOutcome>(async () =>
        {
            await using var locked = await db.LockIncidentAsync(incidentId, cancellationToken);
            if (idempotencyKey is not null && await db.EvidenceItems.AsNoTracking()
                .Where(e => e.IncidentId == incidentId && e.IdempotencyKey == idempotencyKey)
                .Select(e => new { e.Id, e.RequestHash }).FirstOrDefaultAsync(cancellationToken) is { } earlier)
            {
                return earlier.RequestHash == requestHash
                    ? new EvidenceOutcome.Added(earlier.Id, Replayed: true)
                    : new EvidenceOutcome.KeyReused(earlier.Id);
            }

            var incident = await db.Incidents.FirstOrDefaultAsync(i => i.Id == incidentId, cancellationToken);
            if (incident is null)
            {
                return new EvidenceOutcome.NotFound("incident", incidentId);
            }

            var now = TimelineHasher.ToStoredPrecision(time.GetUtcNow());
            var collectedBy = Cut(upload.CollectedBy ?? actor.Name, EvidenceLimits.MaxPerson);
            var item = new EvidenceItem
            {
                Id = RowIds.Next(), IncidentId = incidentId,
                Number = 1 + (await db.EvidenceItems.Where(e => e.IncidentId == incidentId).MaxAsync(e => (int?)e.Number, cancellationToken) ?? 0),
                FileName = upload.FileName, ContentType = upload.ContentType, Size = upload.Content.LongLength, Sha256 = sha256, Content = upload.Content,
                Description = upload.Description, Source = upload.Source, CollectedAt = TimelineHasher.ToStoredPrecision(upload.CollectedAt ?? now),
                CollectedBy = collectedBy, Custodian = collectedBy, AddedById = Cut(actor.Id, 200), AddedBy = Cut(actor.Name, 200), AddedAt = now,
                IdempotencyKey = idempotencyKey, RequestHash = requestHash,
            };
            var label = EvidenceLimits.Label(item.Number);
            var at = LocalTimes.Format(item.CollectedAt, zone);
            var size = item.Size.ToString("N0", CultureInfo.GetCultureInfo("vi-VN"));
            var entry = db.Append(incident, TimelineKinds.EvidenceAdded, actor, now,
                $"Thêm chứng cứ {label}: {item.FileName} ({size} byte), SHA-256 {sha256}; thu thập bởi {collectedBy} lúc {at}; người giữ: {item.Custodian}",
                $"Evidence {label} added: {item.FileName} ({item.Size.ToString(CultureInfo.InvariantCulture)} bytes), SHA-256 {sha256}; collected by {collectedBy} at {at}; held by {item.Custodian}",
                new
                {
                    evidenceId = item.Id, number = item.Number, fileName = item.FileName, contentType = item.ContentType, size = item.Size, sha256,
                    description = item.Description, source = item.Source, collectedAt = item.CollectedAt, collectedBy, custodian = item.Custodian,
                });
            item.TimelineSequence = entry.Sequence;
            db.EvidenceItems.Add(item);
            await db.SaveChangesAsync(cancellationToken);
            if (locked is not null)
            {
                await locked.CommitAsync(cancellationToken);
            }

            return new EvidenceOutcome.Added(item.Id, Replayed: false);
        }, cancellationToken);
    }

    /// <summary>Hands the item to <paramref name="to"/>; to whoever already holds it, nothing is recorded.</summary>
    public static Task<EvidenceOutcome> TransferAsync(
        TriageDbContext db, Guid incidentId, Guid evidenceId, string to, string? note, Actor actor, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(time);
        return db.RetryOnConflictAsync<EvidenceOutcome>(async () =>
        {
            await using var locked = await db.LockIncidentAsync(incidentId, cancellationToken);
            var incident = await db.Incidents.FirstOrDefaultAsync(i => i.Id == incidentId, cancellationToken);
            var item = incident is null ? null : await db.EvidenceItems.FirstOrDefaultAsync(e => e.IncidentId == incidentId && e.Id == evidenceId, cancellationToken);
            if (incident is null || item is null)
            {
                return new EvidenceOutcome.NotFound(incident is null ? "incident" : "evidence", incident is null ? incidentId : evidenceId);
            }

            if (string.Equals(item.Custodian, to, StringComparison.Ordinal))
            {
                return new EvidenceOutcome.Transferred(item, Changed: false);
            }

            var now = TimelineHasher.ToStoredPrecision(time.GetUtcNow());
            var from = item.Custodian;
            var label = EvidenceLimits.Label(item.Number);
            var why = note is null ? "" : $": {note}";
            db.Append(incident, TimelineKinds.EvidenceCustody, actor, now,
                $"Chuyển giao chứng cứ {label} ({item.FileName}, SHA-256 {item.Sha256}) từ {from} cho {to}{why}",
                $"Evidence {label} ({item.FileName}, SHA-256 {item.Sha256}) handed from {from} to {to}{why}",
                new { evidenceId = item.Id, number = item.Number, sha256 = item.Sha256, from, to, note });
            item.Custodian = to;
            await db.SaveChangesAsync(cancellationToken);
            if (locked is not null)
            {
                await locked.CommitAsync(cancellationToken);
            }

            return new EvidenceOutcome.Transferred(item, Changed: true);
        }, cancellationToken);
    }

    /// <summary>The incident's items in order, without their bytes, each with its hand-overs as the timeline records them.</summary>
    public static async Task<IReadOnlyList<EvidenceView>> ViewsAsync(TriageDbContext db, Guid incidentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var items = await db.EvidenceItems.AsNoTracking().Where(e => e.IncidentId == incidentId).OrderBy(e => e.Number)
            .Select(e => new
            {
                e.Id, e.Number, e.FileName, e.ContentType, e.Size, e.Sha256, e.Description, e.Source, e.CollectedAt, e.CollectedBy, e.Custodian,
                e.AddedBy, e.AddedAt, e.TimelineSequence,
            })
            .ToListAsync(cancellationToken);
        if (items.Count == 0)
        {
            return [];
        }

        var transfers = (await db.TimelineEntries.AsNoTracking()
                .Where(t => t.IncidentId == incidentId && t.Kind == TimelineKinds.EvidenceCustody).OrderBy(t => t.Sequence)
                .Select(t => new { t.Sequence, t.OccurredAt, t.ActorName, t.Data }).ToListAsync(cancellationToken))
            .Select(t => (Transfer: Transfer(t.Data, t.ActorName, t.OccurredAt, t.Sequence), Id: EvidenceOf(t.Data)))
            .Where(t => t.Transfer is not null)
            .ToLookup(t => t.Id, t => t.Transfer!);
        return [.. items.Select(e => new EvidenceView(e.Id, incidentId, e.Number, e.FileName, e.ContentType, e.Size, e.Sha256, e.Description, e.Source,
            e.CollectedAt, e.CollectedBy, e.Custodian, e.AddedBy, e.AddedAt, e.TimelineSequence, [.. transfers[e.Id]]))];
    }

    private static Guid? EvidenceOf(string? data)
    {
        if (data is null)
        {
            return null;
        }

        using var json = JsonDocument.Parse(data);
        return json.RootElement.TryGetProperty("evidenceId", out var id) && id.TryGetGuid(out var value) ? value : null;
    }

    private static CustodyTransferView? Transfer(string? data, string by, DateTimeOffset at, int sequence)
    {
        if (data is null)
        {
            return null;
        }

        using var json = JsonDocument.Parse(data);
        var root = json.RootElement;
        string? Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return Text("from") is { } from && Text("to") is { } to ? new CustodyTransferView(from, to, Text("note"), by, at, sequence) : null;
    }

    private static string Hash(params string?[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", parts.Select(p => p ?? "\u0000")))));

    private static string Cut(string value, int max) => ColumnText.Fit(value, max);
}
