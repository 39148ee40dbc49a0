using IncidentResponse.Notifications.Data;
using IncidentResponse.ServiceDefaults.Partners;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Notifications.Partners;

/// <summary>The directory's answer to other roles (<see cref="IPartnerDirectory"/>): read from the database, the truth.</summary>
public sealed class PartnerDirectory(NotificationsDbContext db) : IPartnerDirectory
{
    public Task<DirectoryUnit?> UnitAsync(string code, CancellationToken cancellationToken) =>
        db.Units.AsNoTracking().Where(u => u.Code == code)
            .Select(u => new DirectoryUnit(u.Code, u.NameVi, u.NameEn, u.Active)).FirstOrDefaultAsync(cancellationToken);

    public Task<DirectoryPerson?> PersonAsync(string id, CancellationToken cancellationToken) =>
        db.People.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new DirectoryPerson(p.Id, p.Name, p.UnitCode, p.Active)).FirstOrDefaultAsync(cancellationToken);
}
