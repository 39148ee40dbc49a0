using IncidentResponse.Access.Authorization;
using IncidentResponse.Contracts.Api.Incidents;
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
/// Legal facts a person learns after the report and declares on an open incident, with a reason: personal data is
/// involved (the 72-hour A05 notice), or the incident may harm national security or public order (the police report
/// from 1/7/2026). Each lands on the timeline, adds the duties the incident's regime names for it (none for a drill)
/// and sends the incident's new state to notifications and escalation. A fact once set stays set.
/// </summary>
public static class IncidentFactCommands
{
    public sealed record DeclareFact(string? Reason);

    private sealed record Fact(string Kind, Func<Incident, bool> Get, Action<Incident> Set, string Vi, string En);

    private static readonly Fact PersonalData = new(TimelineKinds.PersonalDataDeclared, i => i.PersonalData, i => i.PersonalData = true,
        "Xác định sự cố có liên quan đến dữ liệu cá nhân", "Declared that the incident involves personal data");

    private static readonly Fact NationalSecurity = new(TimelineKinds.NationalSecurityDeclared, i => i.NationalSecurityOrPublicOrder,
        i => i.NationalSecurityOrPublicOrder = true,
        "Xác định sự cố có thể gây phương hại an ninh quốc gia, trật tự an toàn xã hội",
        "Declared that the incident may harm national security or public order");

    public static RouteGroupBuilder MapIncidentFactCommands(this RouteGroupBuilder incidents)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        incidents.MapPost("/{id:guid}/personal-data", (Guid id, HttpContext http, TriageDbContext db, RuleBook rules, TimeProvider time) =>
                DeclareAsync(PersonalData, id, http, db, rules, time))
            .RequireAuthorization(AccessPolicies.Manage).ProducesValidationProblem().Produces<IncidentFactsView>();
        incidents.MapPost("/{id:guid}/national-security", (Guid id, HttpContext http, TriageDbContext db, RuleBook rules, TimeProvider time) =>
                DeclareAsync(NationalSecurity, id, http, db, rules, time))
            .RequireAuthorization(AccessPolicies.Manage).ProducesValidationProblem().Produces<IncidentFactsView>();
        return incidents;
    }

    private static async Task<IResult> DeclareAsync(Fact fact, Guid id, HttpContext http, TriageDbContext db, RuleBook rules, TimeProvider time)
    {
        var read = await http.Request.ReadJsonAsync<DeclareFact>();
        if (read.Problem is not null)
        {
            return read.Problem;
        }

        var reason = read.Value!.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > IncidentCommands.MaxReason)
        {
            return Problems.Validation("reason",
                $"Bắt buộc nêu lý do, tối đa {IncidentCommands.MaxReason} ký tự / a reason is required, at most {IncidentCommands.MaxReason} characters");
        }

        return await IncidentCommands.LockedAsync(db, id, () => ApplyAsync(fact, id, reason, http, db, rules, time), http.RequestAborted);
    }

    private static async Task<IResult> ApplyAsync(Fact fact, Guid id, string reason, HttpContext http, TriageDbContext db, RuleBook rules, TimeProvider time)
    {
        var incident = await db.Incidents.Include(i => i.Deadlines).FirstOrDefaultAsync(i => i.Id == id, http.RequestAborted);
        if (incident is null)
        {
            return Problems.NotFound("incident", id);
        }

        if (fact.Get(incident))
        {
            return Results.Ok(View(incident, changed: false));
        }

        if (incident.Status == Lifecycle.Closed)
        {
            return Problems.Conflict("Sự cố đã đóng; mở lại trước khi khai báo / the incident is closed; reopen it first");
        }

        var now = time.GetUtcNow();
        fact.Set(incident);
        var before = incident.Deadlines.Select(d => d.Kind).ToHashSet(StringComparer.Ordinal);
        AddDuties(incident, rules, now);
        var added = incident.Deadlines.Where(d => !before.Contains(d.Kind)).ToList();
        db.Append(incident, fact.Kind, IncidentCommands.ActorOf(http), now,
            $"{fact.Vi}. Lý do: {reason}{(added.Count > 0 ? $". Nghĩa vụ mới: {string.Join("; ", added.Select(d => d.NameVi))}" : "")}",
            $"{fact.En}. Reason: {reason}{(added.Count > 0 ? $". New duties: {string.Join("; ", added.Select(d => d.NameEn))}" : "")}",
            new { reason, duties = added.Select(d => d.Kind).ToList(), incident.Drill });
        // Notifications (routing, e.g. A05 for personal data) and escalation (deadline clocks) follow the new state.
        IncidentState.Publish(db, incident, now);
        await db.SaveChangesAsync(http.RequestAborted);
        return Results.Ok(View(incident, changed: true));
    }

    /// <summary>The duties the incident's facts now call for under its regime; a drill gets none (<see cref="Duties.Merge"/>).</summary>
    internal static void AddDuties(Incident incident, RuleBook rules, DateTimeOffset now)
    {
        var facts = new TriageFacts(incident.Classification, null, null, null, incident.PersonalData, null, null, null, incident.Serious,
            incident.NationalSecurityOrPublicOrder ? true : null);
        var (_, deadlines) = DeadlineCalculator.Compute(rules.Regimes, facts, incident.DetectedAt);
        Duties.Merge(incident, deadlines.Where(d => incident.Deadlines.All(e => e.Kind != d.Id)).ToList(), now);
    }

    private static IncidentFactsView View(Incident incident, bool changed) =>
        new(incident.Id, incident.Number, incident.PersonalData, incident.NationalSecurityOrPublicOrder, changed,
            incident.Deadlines.OrderBy(d => d.DueAt).Select(ReportTriage.ToContract).ToList());
}
