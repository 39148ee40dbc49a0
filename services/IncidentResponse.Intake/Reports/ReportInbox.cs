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
}

/// <summary>
/// The one way a report enters the system, whatever the channel: the report and the message that
/// announces it are committed together, so an accepted report is never lost and always announced.
/// </summary>
public sealed class ReportInbox(IntakeDbContext db, TimeProvider time)
{
    /// <summary>The name of the unique index on (submitted_by, idempotency_key).</summary>
    public const string IdempotencyIndex = "ix_reports_submitted_by_idempotency_key";

    public static JsonSerializerOptions PayloadJson { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Stores the report and its announcement, or answers with the earlier report of the same
    /// idempotency key. <paramref name="alongside"/> adds rows that belong to the new report (its
    /// attachments) to the same transaction.
    /// </summary>
    public async Task<AcceptResult> AcceptAsync(
        IncidentReport report, ReportOrigin origin, string? idempotencyKey, string? requestHash, CancellationToken cancellationToken,
        Action<Guid>? alongside = null, string? holdReason = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(origin);
        origin = origin.Fitted();
        if (idempotencyKey is not null && await FindByKeyAsync(origin, idempotencyKey, requestHash, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        var (id, now) = Stage(report, origin, idempotencyKey, requestHash, holdReason);
        alongside?.Invoke(id);
        try
        {
            // Once begun, the write finishes even if the caller has gone (a client that hung up): a commit
            // cancelled half-way decides nothing (it may have committed), and EF logs it as a transaction
            // error, which the ingest benchmark showed whenever its load stopped. The caller that retries
            // with its idempotency key gets this report.
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateException ex) when (idempotencyKey is not null && IsIdempotencyRace(ex))
        {
            // The same key raced us; the first request won and its answer is ours. Any other failure
            // (a value too long, a constraint of another table) is the caller's, as it is.
            db.ChangeTracker.Clear();
            return await FindByKeyAsync(origin, idempotencyKey, requestHash, cancellationToken) ?? throw new InvalidOperationException("idempotency race lost and no winner found");
        }

        return new AcceptResult.Accepted(id, now, Replayed: false);
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
        origin = origin.Fitted();
        var now = time.GetUtcNow();
        var id = NewId.NextGuid();
        db.Reports.Add(new StoredReport
        {
            Id = id,
            ReceivedAt = now,
            Channel = origin.Channel,
            SubmittedBy = origin.ActorId,
            SubmittedByName = origin.ActorName,
            IdempotencyKey = idempotencyKey,
            RequestHash = requestHash,
            Title = report.Title,
            Classification = report.Classification,
            Tlp = report.Tlp,
            Payload = JsonSerializer.Serialize(report, PayloadJson),
            Status = holdReason is null ? ReportStatuses.Received : ReportStatuses.AwaitingConfirmation,
            LastAnnouncedAt = now,
            HoldReason = holdReason is null ? null : Email.HeaderValue.Cut(holdReason, StoredReport.MaxHoldReason),
        });
        if (holdReason is null)
        {
            db.PublishAfterCommit(new ReportReceived(id, now, origin.Channel, origin.ActorName, report), now);
        }

        return (id, now);
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

    private async Task<AcceptResult?> FindByKeyAsync(ReportOrigin origin, string key, string? requestHash, CancellationToken cancellationToken)
    {
        var earlier = await db.Reports.AsNoTracking()
            .Where(r => r.SubmittedBy == origin.ActorId && r.IdempotencyKey == key)
            .Select(r => new { r.Id, r.ReceivedAt, r.RequestHash })
            .FirstOrDefaultAsync(cancellationToken);
        return earlier is null ? null
            : earlier.RequestHash == requestHash ? new AcceptResult.Accepted(earlier.Id, earlier.ReceivedAt, Replayed: true)
            : new AcceptResult.KeyReused(earlier.Id);
    }
}
