using System.Text.Json;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Escalation.Deadlines;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Escalation.Incidents;

/// <summary>
/// The newest state of an incident escalation has heard of (from <c>IncidentTriaged</c>): whether it is
/// closed decides whether an engagement's chain may run and whether the legal clocks tick; its severity and
/// serious flag choose the engagements' escalation policies. An older state arriving later is not applied.
/// </summary>
public sealed class IncidentCopy
{
    public Guid IncidentId { get; set; }

    public required string Status { get; set; }

    public int StateVersion { get; set; }

    /// <summary>The severity level 0–5 of the state held; null in copies from before it was kept.</summary>
    public int? SeverityLevel { get; set; }

    /// <summary>The serious-incident flag of the state held; null in copies from before it was kept.</summary>
    public bool? Serious { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// The legal deadlines that have no clock because none was needed when they were first heard of (due at once, or
    /// their duty already submitted or waived): what the console shows for them, and what keeps a later state from
    /// starting a clock for them after all. Null when there are none (and in copies from before it was kept).
    /// </summary>
    public IReadOnlyList<SettledDeadline>? SettledDeadlines { get; set; }

    public const string New = IncidentStatuses.New;
    public const string Closed = IncidentStatuses.Closed;

    public bool IsClosed => Status == Closed;
}

internal sealed class IncidentCopyConfiguration : IEntityTypeConfiguration<IncidentCopy>
{
    private static readonly JsonSerializerOptions Json = ServiceDefaults.Data.StoredJson.Create();

    public void Configure(EntityTypeBuilder<IncidentCopy> builder)
    {
        builder.ToTable("incidents");
        builder.HasKey(i => i.IncidentId);
        builder.Property(i => i.IncidentId).ValueGeneratedNever();
        builder.Property(i => i.Status).HasMaxLength(30);
        builder.Property(i => i.StateVersion).IsConcurrencyToken();
        builder.Ignore(i => i.IsClosed);
        builder.Property(i => i.SettledDeadlines).HasConversion(
            v => v == null ? null : JsonSerializer.Serialize(v, Json),
            v => v == null ? null : JsonSerializer.Deserialize<List<SettledDeadline>>(v, Json),
            new ValueComparer<IReadOnlyList<SettledDeadline>?>(
                (a, b) => a == null ? b == null : b != null && a.SequenceEqual(b),
                v => v == null ? 0 : v.Aggregate(0, (hash, d) => HashCode.Combine(hash, d.GetHashCode())),
                v => v == null ? null : v.ToList()));
    }
}
