using IncidentResponse.Contracts.Escalation;
using IncidentResponse.Escalation.Data;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Escalation.Deadlines;

/// <summary>A clock's alert as sent and sent again: the unit told named as escalation knows it (a chain of that unit on the incident).</summary>
public static class DeadlineAlerts
{
    public static async Task<LegalDeadlineAlert> OfAsync(
        EscalationDbContext db, DeadlineClock clock, string stage, string notify, DateTimeOffset raisedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var names = await db.Chains.AsNoTracking()
            .Where(c => c.IncidentId == clock.IncidentId && c.UnitCode == notify && c.UnitNameVi != null)
            .OrderByDescending(c => c.StartedAt) // the latest engagement's names (a unit engaged again after a rename)
            .Select(c => new { c.UnitNameVi, c.UnitNameEn })
            .FirstOrDefaultAsync(cancellationToken);
        return new LegalDeadlineAlert(clock.IncidentId, clock.IncidentNumber, clock.DeadlineId, stage, clock.DueAt, clock.NameVi, clock.NameEn,
            clock.Basis, notify, raisedAt, names?.UnitNameVi, names?.UnitNameEn);
    }
}
