using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.ServiceDefaults.Rules;

/// <summary>A stored rule file version: its kind, version, file name, text and hash, and when it was first used.</summary>
public interface IRuleFileRecord
{
    string Kind { get; set; }

    string Version { get; set; }

    string FileName { get; set; }

    string Sha256 { get; set; }

    string Text { get; set; }

    DateTimeOffset FirstLoadedAt { get; set; }
}

/// <summary>A rule file as read at start-up.</summary>
public sealed record LoadedRuleFile(string Kind, string Version, string FileName, string Text);

/// <summary>
/// Records each rule file version the first time it is used, so a decision naming a version can be
/// explained later; refuses a file whose text changed while its version stayed the same.
/// </summary>
public static class RuleFileRecords
{
    public static async Task RecordAsync<TRecord>(this DbContext db, IEnumerable<LoadedRuleFile> files, DateTimeOffset now, CancellationToken cancellationToken)
        where TRecord : class, IRuleFileRecord, new()
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(files);
        var records = db.Set<TRecord>();
        foreach (var file in files)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(file.Text)));
            var known = await records.AsNoTracking().FirstOrDefaultAsync(p => p.Kind == file.Kind && p.Version == file.Version, cancellationToken);
            if (known is null)
            {
                records.Add(new TRecord { Kind = file.Kind, Version = file.Version, FileName = file.FileName, Sha256 = hash, Text = file.Text, FirstLoadedAt = now });
            }
            else if (known.Sha256 != hash)
            {
                throw new InvalidDataException(
                    $"{file.FileName} changed but still says version {file.Version}; give the changed rules a new version (the old text stays on record)");
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
