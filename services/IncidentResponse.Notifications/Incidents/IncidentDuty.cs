using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Contracts.Vocabulary;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Notifications.Incidents;

/// <summary>
/// One legal duty of an incident as its newest held state tells it (the same facts as <see cref="IncidentCopy.Deadlines"/>,
/// one row each), so response analytics count duties on time, late and missed in SQL.
/// </summary>
public sealed class IncidentDuty
{
    public Guid IncidentId { get; set; }

    /// <summary>The duty's id in the legal regime (e.g. <c>initial-report</c>).</summary>
    public required string Kind { get; set; }

    public DateTimeOffset DueAt { get; set; }

    /// <summary>As stored by triage: <c>due</c>, <c>submitted</c> or <c>waived</c> (see <see cref="DutyStates"/>).</summary>
    public required string State { get; set; }

    /// <summary>When it was recorded submitted; null while it is not, or when the state did not say (older messages).</summary>
    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>Makes <paramref name="held"/> (the incident's rows, tracked) say what <paramref name="deadlines"/> says.</summary>
    public static void Sync(DbSet<IncidentDuty> set, List<IncidentDuty> held, Guid incidentId, IReadOnlyList<LegalDeadline> deadlines)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(held);
        ArgumentNullException.ThrowIfNull(deadlines);
        foreach (var gone in held.Where(h => !deadlines.Any(d => d.Id == h.Kind)).ToList())
        {
            set.Remove(gone);
            held.Remove(gone);
        }

        foreach (var d in deadlines.DistinctBy(d => d.Id))
        {
            var row = held.FirstOrDefault(h => h.Kind == d.Id);
            if (row is null)
            {
                row = new IncidentDuty { IncidentId = incidentId, Kind = d.Id, State = d.State };
                set.Add(row);
                held.Add(row);
            }

            row.DueAt = d.DueAt;
            row.State = d.State;
            row.SubmittedAt = d.State == DutyStates.Submitted ? d.SubmittedAt : null;
        }
    }
}

internal sealed class IncidentDutyConfiguration : IEntityTypeConfiguration<IncidentDuty>
{
    public void Configure(EntityTypeBuilder<IncidentDuty> builder)
    {
        builder.ToTable("incident_duties");
        builder.HasKey(d => new { d.IncidentId, d.Kind });
        builder.Property(d => d.Kind).HasMaxLength(80);
        builder.Property(d => d.State).HasMaxLength(20);
    }
}
