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

    /// <summary>The window of this integration in force at <paramref name="at"/> that ends last, or null.</summary>
    public static Task<MaintenanceWindow?> ActiveAsync(IntakeDbContext db, Guid integrationId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.MaintenanceWindows.AsNoTracking()
            .Where(w => w.IntegrationId == integrationId && w.StartsAt <= at && w.EndsAt > at)
            .OrderByDescending(w => w.EndsAt)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The hold reason an alert's report gets: the window's end (the committee's time) and its reason.</summary>
    public static string HoldReason(MaintenanceWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        var ends = LocalTimes.Format(window.EndsAt, LocalTimes.Zone(null));
        return $"Trong thời gian bảo trì đến {ends}: {window.Reason} / During a maintenance window until {ends}: {window.Reason}";
    }

    public const string ReleasedNote =
        "Hết thời gian bảo trì mà cảnh báo vẫn còn: chuyển phân loại / the maintenance window is over and the alert is still open: released to triage";

    public const string ResolvedNote =
        "Nguồn báo đã khắc phục khi cảnh báo còn được giữ do bảo trì / the source resolved the alert while it was held for maintenance";
}
