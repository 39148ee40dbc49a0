using IncidentResponse.Access.Authorization;
using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Outbox;
using IncidentResponse.ServiceDefaults.Web;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Policy;
using IncidentResponse.Triage.Timeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Triage.Incidents;

/// <summary>What people do to an incident: notes, a severity decision with its reason, lifecycle moves. Each lands on the timeline.</summary>
public static class IncidentCommands
{
    public const int MaxNote = 10_000;

    /// <summary>A severity or status change's reason.</summary>
    public const int MaxReason = 2000;

    public sealed record AddNote(string? Text);

    public sealed record SetSeverity(int? Level, string? Reason, bool? Serious);

    public sealed record ChangeStatus(string? Status, string? Resolution, string? Reason);

    public static RouteGroupBuilder MapIncidentCommands(this RouteGroupBuilder incidents)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        incidents.MapPost("/{id:guid}/notes", NoteAsync).RequireAuthorization(AccessPolicies.Manage).ProducesValidationProblem();
        incidents.MapPost("/{id:guid}/severity", SeverityAsync).RequireAuthorization(AccessPolicies.Manage).ProducesValidationProblem();
        incidents.MapPost("/{id:guid}/status", StatusAsync).RequireAuthorization(AccessPolicies.Manage).ProducesValidationProblem();
        return incidents;
    }

    /// <summary>
    /// A person's change of an incident, made while holding the incident's row (on PostgreSQL) like the
    /// consumers that append to its timeline: right after triage, partner activity appends many entries, and
    /// a change that only re-read and retried on conflict could lose every try (seen: 409 on a close).
    /// </summary>
    internal static Task<IResult> LockedAsync(TriageDbContext db, Guid id, Func<Task<IResult>> change, CancellationToken cancellationToken) =>
        db.RetryOnConflictAsync(async () =>
        {
            await using var locked = await db.LockIncidentAsync(id, cancellationToken);
            var result = await change();
            if (locked is not null)
            {
                await locked.CommitAsync(cancellationToken);
            }

            return result;
        }, cancellationToken);

    private static async Task<IResult> NoteAsync(Guid id, HttpContext http, TriageDbContext db, TimeProvider time)
    {
        var read = await http.Request.ReadJsonAsync<AddNote>();
        if (read.Problem is not null)
        {
            return read.Problem;
        }

        var text = read.Value!.Text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxNote)
        {
            return Problems.Validation("text", $"Bắt buộc, tối đa {MaxNote} ký tự / required, at most {MaxNote} characters");
        }

        if (HiddenCharacters.In(text))
        {
            return Problems.Validation("text", HiddenCharacters.Problem);
        }

        // Other writers append to the same timeline (triage, partner activity): on a lost race, read again and append after them.
        return await LockedAsync(db, id, () => AddNoteAsync(id, text, http, db, time), http.RequestAborted);
    }

    private static async Task<IResult> AddNoteAsync(Guid id, string text, HttpContext http, TriageDbContext db, TimeProvider time)
    {
        var incident = await db.Incidents.FirstOrDefaultAsync(i => i.Id == id, http.RequestAborted);
        if (incident is null)
        {
            return Problems.NotFound("incident", id);
        }

        var entry = db.Append(incident, TimelineKinds.NoteAdded, ActorOf(http), time.GetUtcNow(), text, text, new { note = text });
        await db.SaveChangesAsync(http.RequestAborted);
        return Results.Created($"/api/v1/incidents/{id}/timeline", IncidentViews.Entry(entry));
    }

    private static async Task<IResult> SeverityAsync(Guid id, HttpContext http, TriageDbContext db, RuleBook rules, TimeProvider time)
    {
        var read = await http.Request.ReadJsonAsync<SetSeverity>();
        if (read.Problem is not null)
        {
            return read.Problem;
        }

        var request = read.Value!;
        var errors = new Dictionary<string, string[]>();
        if (request.Level is not (>= 0 and <= 5))
        {
            errors["level"] = ["Từ 0 đến 5 / 0 to 5"];
        }

        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Trim().Length > MaxReason)
        {
            errors["reason"] = [$"Bắt buộc nêu lý do, tối đa {MaxReason} ký tự / a reason is required, at most {MaxReason} characters"];
        }
        else if (HiddenCharacters.In(request.Reason))
        {
            errors["reason"] = [HiddenCharacters.Problem];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        return await LockedAsync(db, id, () => ChangeSeverityAsync(id, request, http, db, rules, time), http.RequestAborted);
    }

    private static async Task<IResult> ChangeSeverityAsync(Guid id, SetSeverity request, HttpContext http, TriageDbContext db, RuleBook rules, TimeProvider time)
    {
        var incident = await db.Incidents.Include(i => i.Deadlines).FirstOrDefaultAsync(i => i.Id == id, http.RequestAborted);
        if (incident is null)
        {
            return Problems.NotFound("incident", id);
        }

        var serious = request.Serious ?? incident.Serious;
        var now = time.GetUtcNow();
        var actor = ActorOf(http);
        if (incident.SeverityLevel == request.Level && incident.Serious == serious)
        {
            if (incident.SeverityOverridden)
            {
                return Problems.Validation("level", "Sự cố đã ở mức này / the incident already has this severity");
            }

            // A person confirms triage's level and legal status (e.g. "not serious" once the owner said it copes): recorded,
            // nothing else changes, so nobody is told again; the state goes out again so that the board drops its
            // "undetermined" badge at once (the copies apply the same values).
            incident.SeverityOverridden = true;
            IncidentState.Publish(db, incident, now);
            var why = request.Reason!.Trim();
            var status = serious ? ("sự cố nghiêm trọng", "serious incident") : ("sự cố thông thường", "ordinary incident");
            db.Append(incident, TimelineKinds.SeverityChanged, actor, now,
                $"Xác nhận mức độ {SeverityLevels.Of(incident.SeverityLevel).NameVi}, {status.Item1}. Lý do: {why}",
                $"Severity {SeverityLevels.Of(incident.SeverityLevel).NameEn} confirmed, {status.Item2}. Reason: {why}",
                new { previousLevel = incident.SeverityLevel, level = incident.SeverityLevel, serious, reason = why, confirmed = true });
            await db.SaveChangesAsync(http.RequestAborted);
            return Results.Ok(IncidentViews.Severity(incident));
        }

        var previous = incident.SeverityLevel;
        incident.SeverityLevel = request.Level!.Value;
        incident.SeverityOverridden = true;
        var becameSerious = serious && !incident.Serious;
        incident.Serious = serious;
        var reason = request.Reason!.Trim();
        db.Append(incident, TimelineKinds.SeverityChanged, actor, now,
            $"Đổi mức độ từ {SeverityLevels.Of(previous).NameVi} sang {SeverityLevels.Of(incident.SeverityLevel).NameVi}{(serious ? ", sự cố nghiêm trọng" : "")}. Lý do: {reason}",
            $"Severity changed from {SeverityLevels.Of(previous).NameEn} to {SeverityLevels.Of(incident.SeverityLevel).NameEn}{(serious ? ", serious incident" : "")}. Reason: {reason}",
            new { previousLevel = previous, level = incident.SeverityLevel, serious, reason });
        db.PublishAfterCommit(new IncidentSeverityChanged(incident.Id, incident.Number, previous, incident.SeverityLevel, serious, actor.Id, reason, now), now);
        // Routing, deadlines and every notice not yet sent follow the new assessment (more units may have to be told).
        _ = becameSerious && AddDeadlinesForSerious(incident, rules, now);
        IncidentState.Publish(db, incident, now);

        await db.SaveChangesAsync(http.RequestAborted);
        return Results.Ok(IncidentViews.Severity(incident));
    }

    private static async Task<IResult> StatusAsync(Guid id, HttpContext http, TriageDbContext db, RuleBook rules, TimeProvider time)
    {
        var read = await http.Request.ReadJsonAsync<ChangeStatus>();
        if (read.Problem is not null)
        {
            return read.Problem;
        }

        var request = read.Value!;
        if (request.Reason?.Trim() is { Length: > MaxReason })
        {
            return Problems.Validation("reason", $"Tối đa {MaxReason} ký tự / at most {MaxReason} characters");
        }

        if (HiddenCharacters.In(request.Reason))
        {
            return Problems.Validation("reason", HiddenCharacters.Problem);
        }

        return await LockedAsync(db, id, () => ChangeStatusAsync(id, request, http, db, rules, time), http.RequestAborted);
    }

    private static async Task<IResult> ChangeStatusAsync(Guid id, ChangeStatus request, HttpContext http, TriageDbContext db, RuleBook rules, TimeProvider time)
    {
        var incident = await db.Incidents.Include(i => i.Deadlines).FirstOrDefaultAsync(i => i.Id == id, http.RequestAborted);
        if (incident is null)
        {
            return Problems.NotFound("incident", id);
        }

        var to = request.Status?.Trim() ?? "";
        var reason = request.Reason?.Trim();
        if (Lifecycle.Check(incident.Status, to, request.Resolution, reason) is { } problem)
        {
            var field = problem[..problem.IndexOf(':', StringComparison.Ordinal)];
            return Problems.Validation(field, problem[(field.Length + 2)..]);
        }

        var now = time.GetUtcNow();
        var actor = ActorOf(http);
        var previous = incident.Status;
        incident.Status = to;
        incident.Resolution = to == Lifecycle.Closed ? request.Resolution : null;
        incident.ClosedAt = to == Lifecycle.Closed ? now : null;
        var names = (From: Lifecycle.Names[previous], To: Lifecycle.Names[to]);
        var resolved = incident.Resolution is { } r ? IncidentResolutions.NamesOf(r) : default;
        db.Append(incident, TimelineKinds.StatusChanged, actor, now,
            $"Chuyển trạng thái từ {names.From.Vi} sang {names.To.Vi}{(resolved.Vi is null ? "" : $" ({resolved.Vi})")}{(reason is { Length: > 0 } ? $". Lý do: {reason}" : "")}",
            $"Status changed from {names.From.En} to {names.To.En}{(resolved.En is null ? "" : $" ({resolved.En})")}{(reason is { Length: > 0 } ? $". Reason: {reason}" : "")}",
            new { previous, status = to, incident.Resolution, reason });
        if (to == Lifecycle.Closed)
        {
            // The response ended: the closing report falls due; every other duty keeps its state (closing silences none).
            Duties.ResponseEnded(incident, rules.Regimes, now);
        }
        else if (previous == Lifecycle.Closed)
        {
            // Reopened: a closing report not yet submitted is set aside until the response ends again.
            Duties.ResponseResumed(incident, rules.Regimes, now);
        }

        IncidentState.Publish(db, incident, now);
        db.PublishAfterCommit(new IncidentStatusChanged(incident.Id, incident.Number, previous, to, incident.Resolution, actor.Id, now, incident.StateVersion), now);
        await db.SaveChangesAsync(http.RequestAborted);
        return Results.Ok(IncidentViews.Status(incident.Status));
    }

    /// <summary>A person declared the incident serious: the duties of a serious incident start to run (none for a drill). True when any was added.</summary>
    private static bool AddDeadlinesForSerious(Incident incident, RuleBook rules, DateTimeOffset now)
    {
        if (incident.Drill)
        {
            return false;
        }

        // Declaring an incident serious says the owner cannot handle it alone (QĐ 05/2017 Điều 9, condition 2), so the
        // duties keyed to that fact (the immediate Mẫu 03 initial report under vn-2026-07) apply as for a triaged one.
        var facts = new TriageFacts(incident.Classification, null, null, OwnerCanHandle: false, incident.PersonalData, null, null, null, Serious: true,
            incident.NationalSecurityOrPublicOrder ? true : null);
        var (_, deadlines) = DeadlineCalculator.Compute(rules.Regimes, facts, incident.DetectedAt);
        return Duties.Merge(incident, deadlines.Where(d => incident.Deadlines.All(e => e.Kind != d.Id)).ToList(), now);
    }

    internal static Actor ActorOf(HttpContext http) => new(http.User.ActorId(), http.User.ActorName(), http.User.ActorChannel());
}
