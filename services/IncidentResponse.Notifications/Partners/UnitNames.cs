using IncidentResponse.Notifications.Data;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Notifications.Partners;

/// <summary>
/// A unit's names in the directory, for the sentences people read on the timeline ("Đơn vị Công an tỉnh … xác nhận …")
/// instead of its code; a code the directory does not hold (any more) gives none, and the reader falls back to the code.
/// </summary>
public static class UnitNames
{
    public static async Task<(string? Vi, string? En)> OfAsync(NotificationsDbContext db, string? code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (string.IsNullOrEmpty(code))
        {
            return (null, null);
        }

        var unit = await db.Units.AsNoTracking().Where(u => u.Code == code).Select(u => new { u.NameVi, u.NameEn }).FirstOrDefaultAsync(cancellationToken);
        return (unit?.NameVi, unit?.NameEn);
    }
}
