using System.Security.Cryptography;
using System.Text;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.Triage.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Triage.Policy;

/// <summary>
/// At start-up, records each rule file version in the database. A file whose text changed while
/// its version stayed the same is refused: the Host does not become ready and says which file.
/// </summary>
public sealed class PolicyRecorder(RuleBook rules, TimeProvider time) : IDatabaseSeeder
{
    public async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var db = services.GetRequiredService<TriageDbContext>();
        var files = rules.Policies.Select(p => ("triage-policy", p.Content.Version, p.FileName, p.Text))
            .Concat(rules.RegimeVersions.Select(r => ("legal-regimes", r.Content.Version, r.FileName, r.Text)));
        foreach (var (kind, version, fileName, text) in files)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
            var known = await db.PolicyRecords.AsNoTracking().FirstOrDefaultAsync(p => p.Kind == kind && p.Version == version, cancellationToken);
            if (known is null)
            {
                db.PolicyRecords.Add(new PolicyRecord { Kind = kind, Version = version, FileName = fileName, Sha256 = hash, Text = text, FirstLoadedAt = time.GetUtcNow() });
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
