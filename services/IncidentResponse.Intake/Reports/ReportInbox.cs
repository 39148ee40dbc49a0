using IncidentResponse.ServiceDefaults.Data;
using System.Text.Json;
using IncidentResponse.Contracts.Reports;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Intake.Data;
using IncidentResponse.ServiceDefaults.Outbox;
using MassTransit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IncidentResponse.Intake.Reports;

/// <summary>Who sent a report and through which door.</summary>
public sealed record ReportOrigin(string Channel, string ActorId, string ActorName)
{
    /// <summary>Cut to the report's columns, the same way every time (the actor id finds earlier reports by idempotency key).</summary>
    public ReportOrigin Fitted() => Channel.Length <= StoredReport.MaxChannel && ActorId.Length <= StoredReport.MaxSubmittedBy
        && ActorName.Length <= StoredReport.MaxSubmittedByName
            ? this
            : new(Cut(Channel, StoredReport.MaxChannel), Cut(ActorId, StoredReport.MaxSubmittedBy), Cut(ActorName, StoredReport.MaxSubmittedByName));

    private static string Cut(string value, int max) => Email.HeaderValue.Cut(value, max);
}

public abstract record AcceptResult
{
    public sealed record Accepted(Guid ReportId, DateTimeOffset ReceivedAt, bool Replayed) : AcceptResult;

    /// <summary>The idempotency key was used before for a different request.</summary>
    public sealed record KeyReused(Guid ReportId) : AcceptResult;

    /// <summary>The database refused this report's own rows (a value it does not hold, a constraint): nothing was stored.</summary>
    public sealed record Unstorable(string Reason) : AcceptResult;
}

/// <summary>
/// The one way a report enters the system, whatever the channel: the reports and the message that
/// announces them are committed together, so an accepted report is never lost and always announced.
/// Reports handed over together are stored together: one query looks up their idempotency keys, one
/// transaction writes their rows and one <see cref="ReportsReceived"/> for all of them.
/// </summary>
public sealed class ReportInbox(IntakeDbContext db, TimeProvider time)
{
    /// <summary>The name of the unique index on (submitted_by, idempotency_key).</summary>
    public const string IdempotencyIndex = "ix_reports_submitted_by_idempotency_key";

    public static JsonSerializerOptions PayloadJson { get; } = ServiceDefaults.Data.StoredJson.Create();

    /// <summary>
    /// Stores the report and its announcement, or answers with the earlier report of the same
    /// idempotency key (a key that raced another request for it included).
    /// </summary>
    public async Task<AcceptResult> AcceptAsync(Submission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        try
        {
            return (await AcceptAllAsync([submission], cancellationToken))[0];
        }
        catch (DbUpdateException ex) when (submission.IdempotencyKey is not null && IsIdempotencyRace(ex))
        {
            // The same key raced us; the first request won and its answer is ours. Any other failure
            // (a value too long, a constraint of another table) is the caller's, as it is.
            db.ChangeTracker.Clear();
            var origin = submission.Origin.Fitted();
            var earlier = await FindByKeysAsync([(origin.ActorId, submission.IdempotencyKey)], cancellationToken);
            return earlier.TryGetValue((origin.ActorId, submission.IdempotencyKey), out var winner)
                ? Answer(winner, submission.RequestHash)
                : throw new InvalidOperationException("idempotency race lost and no winner found");
        }
    }

    /// <summary>
    /// Stores these reports, in one transaction with one announcement for all that go to triage, and answers
    /// each in order. A report whose idempotency key was used before, in the database or earlier in the same
    /// list, is answered with that report (or <see cref="AcceptResult.KeyReused"/> for a different request) and
    /// not stored again. Any failure of the write fails the whole list and stores nothing (the caller splits it).
    /// </summary>
    public async Task<IReadOnlyList<AcceptResult>> AcceptAllAsync(IReadOnlyList<Submission> submissions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submissions);
        var fitted = submissions.Select(s => s.Origin.Fitted()).ToList();
        var keyed = submissions.Select((s, i) => (fitted[i].ActorId, Key: s.IdempotencyKey!)).Where(k => k.Key is not null).ToList();
        var known = keyed.Count == 0 ? new() : await FindByKeysAsync(keyed, cancellationToken);
        var now = time.GetUtcNow();
        var results = new AcceptResult[submissions.Count];
        var announced = new List<ReportReceived>(submissions.Count);
        for (var i = 0; i < submissions.Count; i++)
        {
            var submission = submissions[i] with { Origin = fitted[i] };
            var key = submission.IdempotencyKey is null ? default((string, string)?) : (fitted[i].ActorId, submission.IdempotencyKey);
            if (key is { } k && known.TryGetValue(k, out var earlier))
            {
                results[i] = Answer(earlier, submission.RequestHash);
                continue;
            }

            var (id, message) = Add(submission, now);
            if (message is not null)
            {
                announced.Add(message);
            }

            if (key is { } added)
            {
                known[added] = (id, now, submission.RequestHash);
            }

            results[i] = new AcceptResult.Accepted(id, now, Replayed: false);
        }

        if (announced.Count > 0)
        {
            db.PublishAfterCommit(new ReportsReceived(announced), now);
        }

        if (db.ChangeTracker.HasChanges())
        {
            // Once begun, the write finishes even if the caller has gone (a client that hung up): a commit
            // cancelled half-way decides nothing (it may have committed), and EF logs it as a transaction
            // error, which the ingest benchmark showed whenever its load stopped. The caller that retries
            // with its idempotency key gets this report.
            await db.SaveChangesAsync(CancellationToken.None);
        }

        return results;
    }

    /// <summary>
    /// Adds the report and its announcement to the unit of work without saving, for a caller that
    /// commits them together with its own state (an external alert and its first report). A report
    /// with a <paramref name="holdReason"/> is stored awaiting an operator's confirmation and not announced
    /// (<see cref="HeldReports"/> announces it when confirmed).
    /// </summary>
    public (Guid ReportId, DateTimeOffset ReceivedAt) Stage(
        IncidentReport report, ReportOrigin origin, string? idempotencyKey = null, string? requestHash = null, string? holdReason = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(origin);
        var now = time.GetUtcNow();
        var (id, message) = Add(new Submission(report, origin.Fitted(), idempotencyKey, requestHash, holdReason), now);
        if (message is not null)
        {
            db.PublishAfterCommit(new ReportsReceived([message]), now);
        }

        return (id, now);
    }

    /// <summary>The report's row and its files; the message that announces it, unless it is held.</summary>
    private (Guid Id, ReportReceived? Message) Add(Submission submission, DateTimeOffset now)
    {
        var (report, origin, holdReason) = (submission.Report, submission.Origin, submission.HoldReason);
        var id = RowIds.Next();
        db.Reports.Add(new StoredReport
        {
            Id = id,
            ReceivedAt = now,
            Channel = origin.Channel,
            SubmittedBy = origin.ActorId,
            SubmittedByName = origin.ActorName,
            IdempotencyKey = submission.IdempotencyKey,
            RequestHash = submission.RequestHash,
            Title = report.Title,
            Classification = report.Classification,
            Tlp = report.Tlp,
            Payload = JsonSerializer.Serialize(report, PayloadJson),
            Status = holdReason is null ? ReportStatuses.Received : ReportStatuses.AwaitingConfirmation,
            LastAnnouncedAt = now,
            HoldReason = holdReason is null ? null : Email.HeaderValue.Cut(holdReason, StoredReport.MaxHoldReason),
        });
        foreach (var attachment in submission.Attachments ?? [])
        {
            attachment.ReportId = id;
            db.Attachments.Add(attachment);
        }

        return (id, holdReason is null
            ? new ReportReceived(id, now, origin.Channel, origin.ActorName, report, Email.ReportMessageIds.Of(origin.Channel, submission.IdempotencyKey))
            : null);
    }

    /// <summary>
    /// A unique-key violation on the idempotency key's index (PostgreSQL 23505 naming it; SQLite's
    /// UNIQUE constraint on its columns): another request with the same key committed first.
    /// </summary>
    public static bool IsIdempotencyRace(DbUpdateException exception) => exception?.InnerException switch
    {
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } postgres => postgres.ConstraintName == IdempotencyIndex,
        SqliteException { SqliteErrorCode: 19 } sqlite => sqlite.Message.Contains("reports.idempotency_key", StringComparison.Ordinal),
        _ => false,
    };

    private static AcceptResult Answer((Guid Id, DateTimeOffset ReceivedAt, string? RequestHash) earlier, string? requestHash) =>
        earlier.RequestHash == requestHash ? new AcceptResult.Accepted(earlier.Id, earlier.ReceivedAt, Replayed: true) : new AcceptResult.KeyReused(earlier.Id);

    /// <summary>The reports stored under these (submitter, key) pairs, in one query.</summary>
    private async Task<Dictionary<(string ActorId, string Key), (Guid Id, DateTimeOffset ReceivedAt, string? RequestHash)>> FindByKeysAsync(
        IReadOnlyCollection<(string ActorId, string Key)> keys, CancellationToken cancellationToken)
    {
        var actors = keys.Select(k => k.ActorId).Distinct().ToList();
        var values = keys.Select(k => k.Key).Distinct().ToList();
        // Every pair of a listed submitter and a listed key (the unique index answers it); the pairs asked for are kept.
        var found = await db.Reports.AsNoTracking()
            .Where(r => r.IdempotencyKey != null && values.Contains(r.IdempotencyKey) && actors.Contains(r.SubmittedBy))
            .Select(r => new { r.SubmittedBy, r.IdempotencyKey, r.Id, r.ReceivedAt, r.RequestHash })
            .ToListAsync(cancellationToken);
        var wanted = keys.ToHashSet();
        return found.Where(r => wanted.Contains((r.SubmittedBy, r.IdempotencyKey!)))
            .ToDictionary(r => (r.SubmittedBy, r.IdempotencyKey!), r => (r.Id, r.ReceivedAt, r.RequestHash));
    }
}
