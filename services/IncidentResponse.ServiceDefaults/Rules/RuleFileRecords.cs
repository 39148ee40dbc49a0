using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.ServiceDefaults.Rules;

/// <summary>
/// The record of a rule file version a service has used: its text and hash, so a decision naming
/// the version can be explained long after the file changed. Each service keeps them in its own table.
/// </summary>
public sealed class RuleFileRecord
{
    public required string Kind { get; set; }

    public required string Version { get; set; }

    public required string FileName { get; set; }

    public required string Sha256 { get; set; }

    public required string Text { get; set; }

    public DateTimeOffset FirstLoadedAt { get; set; }

    /// <summary>Maps the records to <paramref name="table"/> of the service's schema.</summary>
    public static void Configure(EntityTypeBuilder<RuleFileRecord> builder, string table)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable(table);
        builder.HasKey(p => new { p.Kind, p.Version });
        builder.Property(p => p.Kind).HasMaxLength(30);
        builder.Property(p => p.Version).HasMaxLength(50);
        builder.Property(p => p.FileName).HasMaxLength(200);
        builder.Property(p => p.Sha256).HasMaxLength(64);
    }
}

/// <summary>A rule file as read at start-up.</summary>
public sealed record LoadedRuleFile(string Kind, string Version, string FileName, string Text);

/// <summary>
/// Records each rule file version the first time it is used, so a decision naming a version can be
/// explained later; refuses a file whose text changed while its version stayed the same.
/// </summary>
public static class RuleFileRecords
{
    public static async Task RecordAsync(this DbContext db, IEnumerable<LoadedRuleFile> files, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(files);
        var records = db.Set<RuleFileRecord>();
        foreach (var file in files)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(file.Text)));
            var known = await records.AsNoTracking().FirstOrDefaultAsync(p => p.Kind == file.Kind && p.Version == file.Version, cancellationToken);
            if (known is null)
            {
                records.Add(new RuleFileRecord { Kind = file.Kind, Version = file.Version, FileName = file.FileName, Sha256 = hash, Text = file.Text, FirstLoadedAt = now });
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
