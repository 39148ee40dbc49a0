using System.Security.Cryptography;
using System.Text;
using IncidentResponse.Notifications.Data;
using IncidentResponse.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Notifications.Configuration;

/// <summary>
/// At start-up, records each rule file version in the database; a file whose text changed under
/// the same version is refused (the Host does not become ready and says which file).
/// </summary>
public sealed class RuleVersionRecorder(NotificationRules rules, TimeProvider time) : IDatabaseSeeder
{
    public async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var db = services.GetRequiredService<NotificationsDbContext>();
        foreach (var (kind, version, fileName, text) in rules.AllFiles)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
            var known = await db.RuleVersions.AsNoTracking().FirstOrDefaultAsync(p => p.Kind == kind && p.Version == version, cancellationToken);
            if (known is null)
            {
                db.RuleVersions.Add(new RuleVersion { Kind = kind, Version = version, FileName = fileName, Sha256 = hash, Text = text, FirstLoadedAt = time.GetUtcNow() });
            }
            else if (known.Sha256 != hash)
            {
                throw new InvalidDataException(
                    $"{fileName} changed but still says version {version}; give the changed rules a new version (the old text stays on record)");
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another Host recorded the same versions at the same moment; the next start checks the hashes.
        }
    }
}
