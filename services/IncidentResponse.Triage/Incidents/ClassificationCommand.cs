using IncidentResponse.Access.Authorization;
using IncidentResponse.Contracts.Api.Incidents;
using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Contracts.Reports;
using IncidentResponse.Contracts.Vocabulary;
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

/// <summary>
/// A person corrects an open incident's classification, with a reason: an e-mailed report is filed as
/// <c>other:undetermined</c>, and what an incident is often becomes clear only once someone looks. The new class decides
/// the playbook, routing (more units may have to be told: notifications follows the new state) and the register's and
/// Mẫu 05's counts. The opening report is assessed again under the new class: severity and the serious-incident test
/// only rise, as with a correlated report (lowering stays a person's decision), and the duties that follow are added.
/// Later reports of the new class about the same system correlate into the incident (its key is added when free).
/// </summary>
public static class ClassificationCommand
{
    public sealed record SetClassification(string? Classification, string? Reason);

    public static RouteGroupBuilder MapClassificationCommand(this RouteGroupBuilder incidents)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        incidents.MapPost("/{id:guid}/classification", SetAsync)
            .RequireAuthorization(AccessPolicies.Manage).ProducesValidationProblem().Produces<ClassificationView>();
        return incidents;
    }

    private static async Task<IResult> SetAsync(Guid id, HttpContext http, TriageDbContext db, RuleBook rules, TimeProvider time)
    {
        var read = await http.Request.ReadJsonAsync<SetClassification>();
        if (read.Problem is not null)
        {
            return read.Problem;
        }

        var classification = read.Value!.Classification?.Trim();
        var reason = read.Value.Reason?.Trim();
        var errors = new Dictionary<string, string[]>();
        if (!Rsit.IsKnown(classification))
        {
            errors["classification"] = ["Không thuộc phân loại RSIT, dạng lớp:kiểu, ví dụ availability:ddos / not an RSIT class:type, e.g. availability:ddos"];
        }

        if (string.IsNullOrEmpty(reason) || reason.Length > IncidentCommands.MaxReason)
        {
            errors["reason"] = [$"Bắt buộc nêu lý do, tối đa {IncidentCommands.MaxReason} ký tự / a reason is required, at most {IncidentCommands.MaxReason} characters"];
        }
        else if (HiddenCharacters.In(reason))
        {
            errors["reason"] = [HiddenCharacters.Problem];
        }

        return errors.Count > 0
            ? Problems.Validation(errors)
            : await IncidentCommands.LockedAsync(db, id, () => ApplyAsync(id, classification!, reason!, http, db, rules, time), http.RequestAborted);
    }

    private static async Task<IResult> ApplyAsync(Guid id, string classification, string reason, HttpContext http, TriageDbContext db, RuleBook rules, TimeProvider time)
    {
        var incident = await db.Incidents.Include(i => i.Deadlines).FirstOrDefaultAsync(i => i.Id == id, http.RequestAborted);
        if (incident is null)
        {
            return Problems.NotFound("incident", id);
        }

        if (incident.Status == Lifecycle.Closed)
        {
            return Problems.Conflict("Sự cố đã đóng; mở lại trước khi đổi phân loại / the incident is closed; reopen it first");
        }

        if (incident.Classification == classification)
        {
            return Problems.Validation("classification", "Sự cố đã có phân loại này / the incident already has this classification");
        }

        var now = time.GetUtcNow();
        var previous = incident.Classification;
        incident.Classification = classification;
        var before = incident.Deadlines.Select(d => d.Kind).ToHashSet(StringComparer.Ordinal);
        var opener = await db.IncidentReports.AsNoTracking().Where(l => l.IncidentId == id && !l.Correlated)
            .Select(l => new { l.ReportId, l.Report }).FirstOrDefaultAsync(http.RequestAborted);
        var raised = opener is null
            ? null
            : await AssessAgainAsync(db, incident, IncidentJson.Read<IncidentReport>(opener.Report) with { Classification = classification }, opener.ReportId, rules, now,
                http.RequestAborted);
        IncidentFactCommands.AddDuties(incident, rules, now);
        var added = incident.Deadlines.Where(d => !before.Contains(d.Kind)).ToList();
        db.Append(incident, TimelineKinds.ClassificationChanged, IncidentCommands.ActorOf(http), now,
            $"Đổi phân loại từ {RsitNames.Of(previous, false)} ({previous}) sang {RsitNames.Of(classification, false)} ({classification}). Lý do: {reason}"
                + (added.Count > 0 ? $". Nghĩa vụ mới: {string.Join("; ", added.Select(d => d.NameVi))}" : ""),
            $"Classification changed from {RsitNames.Of(previous, true)} ({previous}) to {RsitNames.Of(classification, true)} ({classification}). Reason: {reason}"
                + (added.Count > 0 ? $". New duties: {string.Join("; ", added.Select(d => d.NameEn))}" : ""),
            new { previous, classification, reason, duties = added.Select(d => d.Kind).ToList() });
        if (raised is { } r)
        {
            db.Append(incident, TimelineKinds.SeverityChanged, Actor.System, now,
                $"Mức độ nâng từ {SeverityLevels.Of(r.From).NameVi} lên {SeverityLevels.Of(incident.SeverityLevel).NameVi} theo phân loại mới{(incident.Serious ? ", sự cố nghiêm trọng" : "")}",
                $"Severity raised from {SeverityLevels.Of(r.From).NameEn} to {SeverityLevels.Of(incident.SeverityLevel).NameEn} by the new classification{(incident.Serious ? ", serious incident" : "")}",
                new { previousLevel = r.From, level = incident.SeverityLevel, incident.Serious, classification });
            db.PublishAfterCommit(new IncidentSeverityChanged(incident.Id, incident.Number, r.From, incident.SeverityLevel, incident.Serious,
                Actor.System.Id, "the classification was changed", now), now);
        }

        // Routing (the new class's rules), the playbook and the notices not yet sent follow the new state.
        IncidentState.Publish(db, incident, now);
        await db.SaveChangesAsync(http.RequestAborted);
        return Results.Ok(new ClassificationView(incident.Id, incident.Number, previous, classification,
            incident.Deadlines.OrderBy(d => d.DueAt).Select(ReportTriage.ToContract).ToList()));
    }

    private sealed record Raise(int From);

    /// <summary>
    /// The opening report assessed under the new class: a higher level or the serious test now met raises the incident (and
    /// adds the duties the facts then call for); null when nothing rose. Keys the report's new fingerprint to the incident
    /// when no other incident holds it, so later reports of the new class correlate (a race with a triage batch is a
    /// unique-key conflict, and the command runs again on fresh state).
    /// </summary>
    private static async Task<Raise?> AssessAgainAsync(
        TriageDbContext db, Incident incident, IncidentReport report, Guid reportId, RuleBook rules, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var policy = rules.PolicyAt(now);
        var fingerprint = Fingerprint.Of(report, policy.Correlation, reportId);
        if (!await db.CorrelationKeys.AnyAsync(k => k.Fingerprint == fingerprint, cancellationToken))
        {
            db.CorrelationKeys.Add(new CorrelationKey { Fingerprint = fingerprint, IncidentId = incident.Id, LastSeenAt = incident.LastSeenAt });
        }

        var facts = TriageFacts.From(report);
        var assessment = SeverityAssessor.Assess(facts, policy);
        if (assessment.Level <= incident.SeverityLevel && (!assessment.Serious || incident.Serious))
        {
            return null;
        }

        var from = incident.SeverityLevel;
        incident.SeverityLevel = Math.Max(incident.SeverityLevel, assessment.Level);
        incident.Serious |= assessment.Serious;
        incident.Score = assessment.Score;
        incident.Assessment = IncidentJson.Write(assessment);
        incident.PolicyVersion = assessment.PolicyVersion;
        incident.SeverityOverridden = false; // the system set this level: a person's earlier decision was on another assessment
        var combined = facts with
        {
            Serious = incident.Serious,
            PersonalData = incident.PersonalData,
            NationalSecurityOrPublicOrder = incident.NationalSecurityOrPublicOrder ? true : facts.NationalSecurityOrPublicOrder,
        };
        var (_, deadlines) = DeadlineCalculator.Compute(rules.Regimes, combined, incident.DetectedAt);
        Duties.Merge(incident, incident.Drill ? [] : deadlines.Where(d => incident.Deadlines.All(e => e.Kind != d.Id)).ToList(), now);
        return new Raise(from);
    }
}
