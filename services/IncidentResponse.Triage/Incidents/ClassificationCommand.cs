using IncidentResponse.Access.Authorization;
using IncidentResponse.Contracts.Api.Incidents;
using IncidentResponse.Contracts.Vocabulary;
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
/// the playbook, routing (more units may have to be told: notifications follows the new state), the duties it calls for
/// (added, none removed) and the register's and Mẫu 05's counts. Severity stays as it is: changing it is its own decision.
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
        IncidentFactCommands.AddDuties(incident, rules, now);
        var added = incident.Deadlines.Where(d => !before.Contains(d.Kind)).ToList();
        db.Append(incident, TimelineKinds.ClassificationChanged, IncidentCommands.ActorOf(http), now,
            $"Đổi phân loại từ {RsitNames.Of(previous, false)} ({previous}) sang {RsitNames.Of(classification, false)} ({classification}). Lý do: {reason}"
                + (added.Count > 0 ? $". Nghĩa vụ mới: {string.Join("; ", added.Select(d => d.NameVi))}" : ""),
            $"Classification changed from {RsitNames.Of(previous, true)} ({previous}) to {RsitNames.Of(classification, true)} ({classification}). Reason: {reason}"
                + (added.Count > 0 ? $". New duties: {string.Join("; ", added.Select(d => d.NameEn))}" : ""),
            new { previous, classification, reason, duties = added.Select(d => d.Kind).ToList() });
        // Routing (the new class's rules), the playbook and the notices not yet sent follow the new state.
        IncidentState.Publish(db, incident, now);
        await db.SaveChangesAsync(http.RequestAborted);
        return Results.Ok(new ClassificationView(incident.Id, incident.Number, previous, classification,
            incident.Deadlines.OrderBy(d => d.DueAt).Select(ReportTriage.ToContract).ToList()));
    }
}
