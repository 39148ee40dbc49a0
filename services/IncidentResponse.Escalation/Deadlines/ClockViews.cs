using IncidentResponse.Contracts.Api.Escalation;
using IncidentResponse.Escalation.Data;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Escalation.Deadlines;

/// <summary>Incidents' legal deadline clocks as the console shows them, earliest due first.</summary>
public static class ClockViews
{
    public static async Task<List<ClockView>> ReadAsync(EscalationDbContext db, Guid incidentId, CancellationToken cancellationToken) =>
        (await ReadAsync(db, [incidentId], cancellationToken))[0].Clocks.ToList();

    /// <summary>The clocks of each of <paramref name="incidentIds"/>, in their order, in two queries whatever their number.</summary>
    public static async Task<IReadOnlyList<IncidentClocks>> ReadAsync(EscalationDbContext db, IReadOnlyCollection<Guid> incidentIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(incidentIds);
        var clocks = (await db.DeadlineClocks.AsNoTracking().Where(c => incidentIds.Contains(c.IncidentId))
                .Select(c => new { c.IncidentId, View = new ClockView(c.DeadlineId, c.NameVi, c.NameEn, c.Basis, c.DueAt, c.State, c.AlertsSent, c.NextAlertAt) })
                .ToListAsync(cancellationToken))
            .ToLookup(c => c.IncidentId, c => c.View);

        // Deadlines that needed no clock (due at once, or their duty settled first) are shown as their clock would have been.
        var settled = await db.Incidents.AsNoTracking().Where(i => incidentIds.Contains(i.IncidentId))
            .Select(i => new { i.IncidentId, i.SettledDeadlines }).ToDictionaryAsync(i => i.IncidentId, i => i.SettledDeadlines, cancellationToken);
        return [.. incidentIds.Select(id =>
        {
            var mine = clocks[id].ToList();
            mine.AddRange((settled.GetValueOrDefault(id) ?? []).Where(d => mine.All(c => c.DeadlineId != d.Id))
                .Select(d => new ClockView(d.Id, d.NameVi, d.NameEn, d.Basis, d.DueAt, d.State, 0, null)));
            return new IncidentClocks(id, [.. mine.OrderBy(c => c.DueAt)]);
        })];
    }
}
