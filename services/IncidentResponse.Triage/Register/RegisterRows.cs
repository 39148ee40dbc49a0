using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NpgsqlTypes;

namespace IncidentResponse.Triage.Register;

/// <summary>
/// An incident's search terms (see <see cref="SearchText"/>), the register's index, kept by triage as the facts arrive:
/// one row per incident, the terms separated by spaces with a space at each end (<c>" ca mau 10.0.0.1 "</c>). On PostgreSQL
/// a stored generated column turns them into a <c>tsvector</c> (each term a lexeme, as it is) under a GIN index, which
/// answers prefix queries; on SQLite (the embedded default, small) a word is a <c>LIKE '% word%'</c> over the rows.
/// </summary>
public sealed class IncidentSearch
{
    /// <summary>The most characters of terms kept for one incident; terms that would pass it are not added.</summary>
    public const int MaxTermsLength = 32_000;

    /// <summary>The PostgreSQL-only generated column (a shadow property of the PostgreSQL model).</summary>
    public const string VectorProperty = "TermsVector";

    public Guid IncidentId { get; set; }

    public string Terms { get; set; } = " ";

    /// <summary>The terms, as a set.</summary>
    public IEnumerable<string> TermSet() => Terms.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Adds the terms it lacks (within <see cref="MaxTermsLength"/>).</summary>
    public void Add(IEnumerable<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var present = TermSet().ToHashSet(StringComparer.Ordinal);
        var text = new System.Text.StringBuilder(Terms);
        foreach (var term in terms.Where(t => t.Length > 0 && !t.Contains(' ', StringComparison.Ordinal) && present.Add(t)))
        {
            if (text.Length + term.Length + 1 > MaxTermsLength)
            {
                break;
            }

            text.Append(term).Append(' ');
        }

        if (text.Length != Terms.Length)
        {
            Terms = text.ToString();
        }
    }
}

/// <summary>A unit engaged on an incident (from notifications' <c>UnitEngaged</c>), for the register's unit filter and export.</summary>
public sealed class IncidentUnit
{
    public Guid IncidentId { get; set; }

    public required string UnitCode { get; set; }

    public DateTimeOffset EngagedAt { get; set; }
}

internal sealed class IncidentSearchConfiguration : IEntityTypeConfiguration<IncidentSearch>
{
    public void Configure(EntityTypeBuilder<IncidentSearch> builder)
    {
        builder.ToTable("incident_search");
        builder.HasKey(s => s.IncidentId);
        builder.Property(s => s.IncidentId).ValueGeneratedNever();
    }

    /// <summary>The PostgreSQL model's generated <c>tsvector</c> column and its GIN index.</summary>
    public static void ConfigurePostgres(EntityTypeBuilder<IncidentSearch> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Each term is a lexeme as it is (no parser, no stemming): a prefix query 'word':* finds what LIKE 'word%' found.
        builder.Property<NpgsqlTsVector>(IncidentSearch.VectorProperty)
            .HasColumnName("terms_vector")
            .HasComputedColumnSql("array_to_tsvector(array_remove(string_to_array(terms, ' '), ''))", stored: true);
        builder.HasIndex(IncidentSearch.VectorProperty).HasMethod("gin");
    }
}

internal sealed class IncidentUnitConfiguration : IEntityTypeConfiguration<IncidentUnit>
{
    public void Configure(EntityTypeBuilder<IncidentUnit> builder)
    {
        builder.ToTable("incident_units");
        builder.HasKey(u => new { u.IncidentId, u.UnitCode });
        builder.Property(u => u.UnitCode).HasMaxLength(64);
        builder.HasIndex(u => u.UnitCode);
    }
}
