using IncidentResponse.Intake.Data;
using IncidentResponse.ServiceDefaults.Committee;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Intake.Maintenance;

/// <summary>What a maintenance window does to an integration's alerts: which window holds a new one, and the words on it.</summary>
public static class MaintenanceHolds
{
    /// <summary>The reviewer named on reports the system decides for a window (released when it ends, rejected when the source resolved).</summary>
    public const string SystemActor = "system:maintenance";

    public const string SystemName = "Hệ thống (bảo trì) / system (maintenance)";

    /// <summary>
    /// The window of this integration in force at <paramref name="at"/> whose current occurrence ends last, with that end; null
    /// when none is. Candidates are read by their series' bounds; whether a repeating one is in an occurrence is worked out here.
    /// </summary>
    public static async Task<(MaintenanceWindow Window, DateTimeOffset Until)?> ActiveAsync(
        IntakeDbContext db, Guid integrationId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var candidates = await db.MaintenanceWindows.AsNoTracking()
            .Where(w => w.IntegrationId == integrationId && w.StartsAt <= at && w.SeriesEndsAt > at && w.EndedAt == null)
            .ToListAsync(cancellationToken);
        return candidates.Select(w => (Window: w, Occurrence: w.OccurrenceAt(at)))
            .Where(c => c.Occurrence is not null)
            .Select(c => ((MaintenanceWindow, DateTimeOffset)?)(c.Window, c.Occurrence!.Value.End))
            .OrderByDescending(c => c!.Value.Item2)
            .FirstOrDefault();
    }

    /// <summary>The hold reason an alert's report gets: when the window's occurrence ends (the committee's time) and its reason.</summary>
    public static string HoldReason(MaintenanceWindow window, DateTimeOffset until)
    {
        ArgumentNullException.ThrowIfNull(window);
        var ends = LocalTimes.Format(until, LocalTimes.Zone(null));
        return $"Trong thời gian bảo trì đến {ends}: {window.Reason} / During a maintenance window until {ends}: {window.Reason}";
    }

    public const string ReleasedNote =
        "Hết thời gian bảo trì mà cảnh báo vẫn còn: chuyển phân loại / the maintenance window is over and the alert is still open: released to triage";

    public const string ResolvedNote =
        "Nguồn báo đã khắc phục khi cảnh báo còn được giữ do bảo trì / the source resolved the alert while it was held for maintenance";
}
