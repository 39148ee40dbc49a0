using IncidentResponse.Contracts.Api.Escalation;
using IncidentResponse.Escalation.Data;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Escalation.Deadlines;

/// <summary>An incident's legal deadline clocks as the console shows them, earliest due first.</summary>
public static class ClockViews
{
    public static async Task<List<ClockView>> ReadAsync(EscalationDbContext db, Guid incidentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var clocks = await db.DeadlineClocks.AsNoTracking().Where(c => c.IncidentId == incidentId)
            .Select(c => new ClockView(c.DeadlineId, c.NameVi, c.NameEn, c.Basis, c.DueAt, c.State, c.AlertsSent, c.NextAlertAt)).ToListAsync(cancellationToken);

        // Deadlines that needed no clock (due at once, or their duty settled first) are shown as their clock would have been.
        var settled = await db.Incidents.AsNoTracking().Where(i => i.IncidentId == incidentId).Select(i => i.SettledDeadlines)
            .FirstOrDefaultAsync(cancellationToken) ?? [];
        clocks.AddRange(settled.Where(d => clocks.All(c => c.DeadlineId != d.Id))
            .Select(d => new ClockView(d.Id, d.NameVi, d.NameEn, d.Basis, d.DueAt, d.State, 0, null)));
        return [.. clocks.OrderBy(c => c.DueAt)];
    }
}
