using IncidentResponse.Notifications.Data;
using IncidentResponse.Notifications.Partners;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Testing;

/// <summary>A unit (and a person of it) added to, or retired in, the partner directory's database by hand, as a coordinator may: no directory file holds it.</summary>
public static class DirectoryByHand
{
    public static async Task SetUnitAsync(IServiceProvider services, string code, CancellationToken cancellationToken, bool active = true, string? person = null)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var now = TimeProvider.System.GetUtcNow();
        if (await db.Units.FirstOrDefaultAsync(u => u.Code == code, cancellationToken) is { } unit)
        {
            unit.Active = active;
        }
        else
        {
            db.Units.Add(new Unit
            {
                Code = code, NameVi = "Đơn vị thêm tay", NameEn = "Unit added by hand", Kind = "government-agency", DutyLanguage = "vi",
                DutyTimeZone = "Asia/Ho_Chi_Minh", DutyChannels = "[]", Source = "database", UpdatedAt = now, Active = active,
            });
        }

        if (person is not null && !await db.People.AnyAsync(p => p.Id == person, cancellationToken))
        {
            db.People.Add(new Person { Id = person, Name = "Người thêm tay", UnitCode = code, Language = "vi", TimeZone = "Asia/Ho_Chi_Minh", Source = "database", UpdatedAt = now });
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
