using IncidentResponse.Access.Authorization;
using IncidentResponse.Contracts.Api.Incidents;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.ServiceDefaults.Committee;
using IncidentResponse.ServiceDefaults.Web;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Policy;
using IncidentResponse.Triage.Timeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Triage.Incidents;

/// <summary>
/// The legal duties of incidents: listed per incident and across incidents (the "duties due" board), submitted
/// (who, when, to whom, by which channel, which document version) or waived (who, why). Each change lands on the
/// incident's timeline and goes to the services that keep the incident's state, so the escalation clock of a duty
/// no longer due stops.
/// </summary>
public static class DutyEndpoints
{
    public const int MaxText = 2000;

    /// <summary>At most this many characters name a confirmation record (its number and date).</summary>
    public const int MaxConfirmationRecord = 300;

    /// <summary>
    /// <paramref name="DocumentId"/>: the issued document version sent (<c>GET …/documents/issued</c>); it must be the incident's.
    /// <paramref name="LateReason"/>: why it is late, required after the due time when the duty's rule says so;
    /// <paramref name="ConfirmationRecord"/>: the number and date of the confirmation record (biên bản xác nhận), for a duty that expects one.
    /// </summary>
    public sealed record SubmitDuty(
        string? Note, string? Channel, IReadOnlyList<string>? Recipients, string? DocumentVersion, Guid? DocumentId = null, string? LateReason = null,
        string? ConfirmationRecord = null);

    /// <summary>The problem of a late submission without its reason, naming the duty's legal basis (NĐ 13/2023 Điều 23 for the A05 notice).</summary>
    public static string LateReasonMissing(string basis) =>
        $"Nộp sau thời hạn: bắt buộc nêu lý do thông báo chậm ({basis}) / submitted after the due time: the reason it is late is required ({basis})";

    public sealed record WaiveDuty(string? Reason);

    /// <summary>The confirmation record's number and date, given after the duty was submitted (it is often drawn up later).</summary>
    public sealed record AddRecord(string? ConfirmationRecord);

    public static RouteGroupBuilder MapDutyEndpoints(this RouteGroupBuilder incidents)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        incidents.MapGet("/{id:guid}/duties", ListAsync).RequireAuthorization(AccessPolicies.Read).Produces<IReadOnlyList<DutyView>>();
        incidents.MapPost("/{id:guid}/duties/{dutyId}/submit", SubmitAsync).RequireAuthorization(AccessPolicies.Manage).ProducesValidationProblem().Produces<DutyView>();
        incidents.MapPost("/{id:guid}/duties/{dutyId}/confirmation-record", AddRecordAsync).RequireAuthorization(AccessPolicies.Manage).ProducesValidationProblem()
            .Produces<DutyView>();
        incidents.MapPost("/{id:guid}/duties/{dutyId}/waive", WaiveAsync).RequireAuthorization(AccessPolicies.Manage).ProducesValidationProblem().Produces<DutyView>();
        return incidents;
    }

    /// <summary><c>GET /api/v1/duties</c>: open duties of every incident, earliest due first (<c>?state=all</c> for every duty).</summary>
    public static RouteGroupBuilder MapDutyBoard(this RouteGroupBuilder duties)
    {
        ArgumentNullException.ThrowIfNull(duties);
        duties.MapGet("/", BoardAsync).RequireAuthorization(AccessPolicies.Read).Produces<IReadOnlyList<DutyView>>();
        return duties;
    }

    private static async Task<IResult> ListAsync(Guid id, TriageDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var incident = await db.Incidents.AsNoTracking().Include(i => i.Deadlines).FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (incident is null)
        {
            return Problems.NotFound("incident", id);
        }

        var now = time.GetUtcNow();
        return Results.Ok(incident.Deadlines.OrderBy(d => d.DueAt).ThenBy(d => d.Kind).Select(d => Duties.View(d, incident, now)).ToList());
    }

    private static async Task<IResult> BoardAsync(TriageDbContext db, TimeProvider time, CancellationToken cancellationToken, string? state = null, int limit = 200)
    {
        if (state is not (null or "open" or "all") || limit is < 1 or > 1000)
        {
            return Problems.Validation("state", "open (mặc định / default) hoặc / or all; limit 1–1000");
        }

        var query = db.Deadlines.AsNoTracking();
        if (state != "all")
        {
            query = query.Where(d => d.State == DutyStates.Due);
        }

        // Sorted in memory: SQLite cannot order by a DateTimeOffset column.
        var duties = (await query.ToListAsync(cancellationToken)).OrderBy(d => d.DueAt).Take(limit).ToList();
        var ids = duties.Select(d => d.IncidentId).Distinct().ToList();
        var incidents = await db.Incidents.AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        var now = time.GetUtcNow();
        return Results.Ok(duties.Select(d => Duties.View(d, incidents[d.IncidentId], now)).ToList());
    }

    private static async Task<IResult> SubmitAsync(
        Guid id, string dutyId, HttpContext http, TriageDbContext db, RuleBook rules, IOptions<TriageOptions> options, TimeProvider time)
    {
        var read = await http.Request.ReadJsonAsync<SubmitDuty>();
        if (read.Problem is not null)
        {
            return read.Problem;
        }

        var request = read.Value ?? new SubmitDuty(null, null, null, null);
        var errors = SubmissionChecks.Errors(request.Note, request.Channel, request.DocumentVersion, request.Recipients);
        if (request.LateReason?.Trim() is { Length: > MaxText })
        {
            errors["lateReason"] = [$"Tối đa {MaxText} ký tự / at most {MaxText} characters"];
        }

        foreach (var (field, text) in new[] { ("note", request.Note), ("lateReason", request.LateReason), ("confirmationRecord", request.ConfirmationRecord) })
        {
            if (HiddenCharacters.In(text))
            {
                errors.TryAdd(field, [HiddenCharacters.Problem]);
            }
        }

        if (request.ConfirmationRecord?.Trim() is { Length: > MaxConfirmationRecord })
        {
            errors["confirmationRecord"] = [$"Tối đa {MaxConfirmationRecord} ký tự / at most {MaxConfirmationRecord} characters"];
        }

        var document = request.DocumentId is { } documentId ? await DutyDocuments.FindAsync(db, id, dutyId, documentId, http.RequestAborted) : null;
        if (document?.Problem is { } documentProblem)
        {
            errors["documentId"] = [documentProblem];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var lateReason = request.LateReason?.Trim() is { Length: > 0 } why ? why : null;
        var confirmation = request.ConfirmationRecord?.Trim() is { Length: > 0 } record ? record : null;
        return await IncidentCommands.LockedAsync(db, id, () => ChangeAsync(id, dutyId, http, db, rules, time, (incident, duty, actor, now) =>
        {
            duty.DocumentId = document?.Id;
            duty.LateReason = now > duty.DueAt ? lateReason : null; // on time, there is nothing to explain
            // Only a duty that expects one keeps a record (as …/confirmation-record); one given before the notice went stays.
            duty.ConfirmationRecord = duty.ConfirmationRecordExpected ? confirmation ?? duty.ConfirmationRecord : null;
            duty.State = DutyStates.Submitted;
            duty.SubmittedAt = now;
            duty.SubmittedBy = actor.Name;
            duty.SubmittedTo = request.Recipients is { Count: > 0 } r ? string.Join(',', r.Select(x => x.Trim())) : duty.Recipients;
            duty.Channel = request.Channel?.Trim() is { Length: > 0 } c ? c : null;
            duty.DocumentVersion = request.DocumentVersion?.Trim() is { Length: > 0 } v ? v : document?.Version;
            duty.Note = request.Note?.Trim() is { Length: > 0 } n ? n : null;
            var due = LocalTimes.Format(duty.DueAt, options.Value.Zone()); // as the committee reads it, not UTC
            var late = now > duty.DueAt ? $" (trễ hạn / late, hạn / due {due})" : "";
            var whyVi = (duty.LateReason is null ? "" : $". Lý do chậm: {duty.LateReason}") + (duty.ConfirmationRecord is null ? "" : $". Biên bản xác nhận: {duty.ConfirmationRecord}");
            var whyEn = (duty.LateReason is null ? "" : $". Why late: {duty.LateReason}") + (duty.ConfirmationRecord is null ? "" : $". Confirmation record: {duty.ConfirmationRecord}");
            db.Append(incident, TimelineKinds.DutySubmitted, actor, now,
                $"Đã gửi: {duty.NameVi} tới {duty.SubmittedTo}{(duty.Channel is null ? "" : $" qua {duty.Channel}")}{late}{whyVi}{(duty.Note is null ? "" : $". Ghi chú: {duty.Note}")}",
                $"Submitted: {duty.NameEn} to {duty.SubmittedTo}{(duty.Channel is null ? "" : $" by {duty.Channel}")}{late}{whyEn}{(duty.Note is null ? "" : $". Note: {duty.Note}")}",
                new
                {
                    duty = duty.Kind, duty.Basis, duty.Regime, duty.DueAt, to = duty.SubmittedTo, duty.Channel, duty.DocumentVersion, duty.Note, duty.DocumentId,
                    document?.PdfSha256, duty.LateReason, duty.ConfirmationRecord,
                });
            if (Duties.IsClosingReport(duty, rules.Regimes) && incident.Status == Lifecycle.Closed)
            {
                db.Append(incident, TimelineKinds.StatusChanged, actor, now,
                    "Báo cáo kết thúc đã nhận: sự cố được ghi nhận là đã đóng",
                    "Closing report received: the incident is recorded closed",
                    new { status = Lifecycle.Closed, closingRecorded = true, duty = duty.Kind });
            }
        }, (duty, now) => duty.LateReasonRequired && now > duty.DueAt && lateReason is null
            ? Problems.Validation("lateReason", LateReasonMissing(duty.Basis))
            : null), http.RequestAborted);
    }

    /// <summary>
    /// Records the confirmation record of a duty that expects one (biên bản xác nhận, NĐ 13/2023 Điều 23), open or submitted:
    /// drawn up after the notice went, it comes after the submission. A later record replaces it; the timeline keeps each. A
    /// waived duty takes none (409); the same record given again changes nothing.
    /// </summary>
    private static async Task<IResult> AddRecordAsync(Guid id, string dutyId, HttpContext http, TriageDbContext db, TimeProvider time)
    {
        var read = await http.Request.ReadJsonAsync<AddRecord>();
        if (read.Problem is not null)
        {
            return read.Problem;
        }

        var record = read.Value?.ConfirmationRecord?.Trim();
        if (string.IsNullOrEmpty(record) || record.Length > MaxConfirmationRecord)
        {
            return Problems.Validation("confirmationRecord",
                $"Số và ngày của biên bản xác nhận, tối đa {MaxConfirmationRecord} ký tự / the confirmation record's number and date, at most {MaxConfirmationRecord} characters");
        }

        return await IncidentCommands.LockedAsync(db, id, async () =>
        {
            var incident = await db.Incidents.Include(i => i.Deadlines).FirstOrDefaultAsync(i => i.Id == id, http.RequestAborted);
            var duty = incident?.Deadlines.FirstOrDefault(d => d.Kind == dutyId);
            if (incident is null || duty is null)
            {
                return incident is null ? Problems.NotFound("incident", id) : Problems.NotFound("duty", dutyId);
            }

            if (!duty.ConfirmationRecordExpected)
            {
                return Problems.Validation("confirmationRecord", "Nghĩa vụ này không có biên bản xác nhận / this duty has no confirmation record");
            }

            if (duty.State == DutyStates.Waived)
            {
                return Problems.Conflict("Nghĩa vụ đã được miễn / the duty was waived");
            }

            var now = time.GetUtcNow();
            if (duty.ConfirmationRecord == record)
            {
                return Results.Ok(Duties.View(duty, incident, now)); // said again: nothing new to record
            }

            duty.ConfirmationRecord = record;
            db.Append(incident, TimelineKinds.DutyRecordAdded, IncidentCommands.ActorOf(http), now,
                $"Biên bản xác nhận của {duty.NameVi}: {record}", $"Confirmation record of {duty.NameEn}: {record}",
                new { duty = duty.Kind, duty.Basis, confirmationRecord = record });
            await db.SaveChangesAsync(http.RequestAborted);
            return Results.Ok(Duties.View(duty, incident, now));
        }, http.RequestAborted);
    }

    private static async Task<IResult> WaiveAsync(Guid id, string dutyId, HttpContext http, TriageDbContext db, RuleBook rules, TimeProvider time)
    {
        var read = await http.Request.ReadJsonAsync<WaiveDuty>();
        if (read.Problem is not null)
        {
            return read.Problem;
        }

        var reason = read.Value?.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > MaxText)
        {
            return Problems.Validation("reason", $"Bắt buộc nêu lý do miễn, tối đa {MaxText} ký tự / a reason is required, at most {MaxText} characters");
        }

        if (HiddenCharacters.In(reason))
        {
            return Problems.Validation("reason", HiddenCharacters.Problem);
        }

        return await IncidentCommands.LockedAsync(db, id, () => ChangeAsync(id, dutyId, http, db, rules, time, (incident, duty, actor, now) =>
        {
            duty.State = DutyStates.Waived;
            duty.WaivedAt = now;
            duty.WaivedBy = actor.Name;
            duty.WaiverReason = reason;
            db.Append(incident, TimelineKinds.DutyWaived, actor, now,
                $"Miễn nghĩa vụ: {duty.NameVi}. Lý do: {reason}",
                $"Duty waived: {duty.NameEn}. Reason: {reason}",
                new { duty = duty.Kind, duty.Basis, duty.Regime, duty.DueAt, reason });
        }), http.RequestAborted);
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the open duty and publishes the incident's state with it; <paramref name="refuse"/>,
    /// when given, may answer a problem instead (nothing changes) for the duty as it is now.
    /// </summary>
    private static async Task<IResult> ChangeAsync(
        Guid id, string dutyId, HttpContext http, TriageDbContext db, RuleBook rules, TimeProvider time, Action<Incident, IncidentDeadline, Actor, DateTimeOffset> change,
        Func<IncidentDeadline, DateTimeOffset, IResult?>? refuse = null)
    {
        _ = rules;
        var incident = await db.Incidents.Include(i => i.Deadlines).FirstOrDefaultAsync(i => i.Id == id, http.RequestAborted);
        if (incident is null)
        {
            return Problems.NotFound("incident", id);
        }

        var duty = incident.Deadlines.FirstOrDefault(d => d.Kind == dutyId);
        if (duty is null)
        {
            return Problems.NotFound("duty", dutyId);
        }

        if (!Duties.IsOpen(duty))
        {
            return Problems.Conflict($"Nghĩa vụ đã ở trạng thái {DutyStates.Names[duty.State].Vi} / the duty is already {duty.State}");
        }

        var now = time.GetUtcNow();
        if (refuse?.Invoke(duty, now) is { } problem)
        {
            return problem;
        }

        change(incident, duty, IncidentCommands.ActorOf(http), now);
        // The duty's state goes out with the incident's: escalation stops the clock of a duty no longer due.
        IncidentState.Publish(db, incident, now);
        await db.SaveChangesAsync(http.RequestAborted);
        return Results.Ok(Duties.View(duty, incident, now));
    }
}
