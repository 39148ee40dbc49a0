using IncidentResponse.Contracts.Escalation;
using IncidentResponse.Escalation.Data;
using IncidentResponse.ServiceDefaults.Partners;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IncidentResponse.Escalation.Deadlines;

/// <summary>
/// A clock's alert as sent and sent again, naming the unit told: as the unit's latest chain on the incident names it, else
/// as the partner directory does (the notifications role, beside escalation in every shipped Host), else by its code.
/// </summary>
public static partial class DeadlineAlerts
{
    public static async Task<LegalDeadlineAlert> OfAsync(
        EscalationDbContext db, IPartnerDirectory? directory, DeadlineClock clock, string stage, string notify, DateTimeOffset raisedAt,
        ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var names = await db.Chains.AsNoTracking()
            .Where(c => c.IncidentId == clock.IncidentId && c.UnitCode == notify && c.UnitNameVi != null)
            .OrderByDescending(c => c.StartedAt) // the latest engagement's names (a unit engaged again after a rename)
            .Select(c => new { c.UnitNameVi, c.UnitNameEn })
            .FirstOrDefaultAsync(cancellationToken);
        if (names is null && directory is not null && await UnitOrNullAsync(directory, notify, logger, cancellationToken) is { } unit)
        {
            // Not engaged on this incident (the committee or the department on an incident that is not serious).
            names = new { UnitNameVi = (string?)unit.NameVi, UnitNameEn = (string?)unit.NameEn }; // the query's shape
        }

        return new LegalDeadlineAlert(clock.IncidentId, clock.IncidentNumber, clock.DeadlineId, stage, clock.DueAt, clock.NameVi, clock.NameEn,
            clock.Basis, notify, raisedAt, names?.UnitNameVi, names?.UnitNameEn);
    }

    /// <summary>The directory's unit, or null when it cannot be read now (logged): a name is not worth holding back a legal alert.</summary>
    private static async Task<DirectoryUnit?> UnitOrNullAsync(IPartnerDirectory directory, string code, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            return await directory.UnitAsync(code, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogNameUnread(logger, code, ServiceDefaults.Failures.Describe(ex));
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A legal deadline alert names unit {Unit} by its code: the partner directory could not be read: {Reason}")]
    private static partial void LogNameUnread(ILogger logger, string unit, string reason);
}
