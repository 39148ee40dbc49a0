using System.Globalization;
using IncidentResponse.Contracts.Api.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Triage.Tasks;

/// <summary>
/// One task of an incident: an item of its playbook's checklist (kept, with the playbook's slug and version, from the first
/// time anyone acts on the list) or one a person added; who it is given to, and whether it was done, when, by whom and with
/// what note. Each change is an entry on the incident's hash-chained timeline.
/// </summary>
public sealed class IncidentTask
{
    public Guid Id { get; set; }

    public Guid IncidentId { get; set; }

    /// <summary><see cref="TaskLimits.FromPlaybook"/> or <see cref="TaskLimits.AddedByHand"/>.</summary>
    public required string Source { get; set; }

    /// <summary>1, 2, 3 … within its source: the playbook's order, or the order added.</summary>
    public int Number { get; set; }

    public required string TitleVi { get; set; }

    public string? TitleEn { get; set; }

    /// <summary>The playbook a checklist item came from, <c>slug@version</c>; null for a task added by hand.</summary>
    public string? Playbook { get; set; }

    public string? Assignee { get; set; }

    public DateTimeOffset? DoneAt { get; set; }

    public string? DoneBy { get; set; }

    public string? DoneNote { get; set; }

    public required string AddedBy { get; set; }

    public DateTimeOffset AddedAt { get; set; }

    /// <summary>How the API names it: <c>p3</c> (the playbook's third item), <c>m1</c> (the first added by hand).</summary>
    public string Key => KeyOf(Source, Number);

    public static string KeyOf(string source, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"{(source == TaskLimits.FromPlaybook ? 'p' : 'm')}{number}");

    /// <summary>Reads a key back: its source and number, or null when it is not one.</summary>
    public static (string Source, int Number)? ParseKey(string? key) =>
        key is { Length: >= 2 and <= 4 } && key[0] is 'p' or 'm'
        && int.TryParse(key.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and <= TaskLimits.MaxTasks
        && key == KeyOf(key[0] == 'p' ? TaskLimits.FromPlaybook : TaskLimits.AddedByHand, number)
            ? (key[0] == 'p' ? TaskLimits.FromPlaybook : TaskLimits.AddedByHand, number)
            : null;
}

internal sealed class IncidentTaskConfiguration : IEntityTypeConfiguration<IncidentTask>
{
    public void Configure(EntityTypeBuilder<IncidentTask> builder)
    {
        builder.ToTable("incident_tasks");
        builder.HasKey(t => t.Id);
        builder.HasIndex(t => new { t.IncidentId, t.Source, t.Number }).IsUnique();
        builder.Ignore(t => t.Key);
        builder.Property(t => t.Source).HasMaxLength(10);
        builder.Property(t => t.TitleVi).HasMaxLength(TaskLimits.MaxTitle);
        builder.Property(t => t.TitleEn).HasMaxLength(TaskLimits.MaxTitle);
        builder.Property(t => t.Playbook).HasMaxLength(120);
        builder.Property(t => t.Assignee).HasMaxLength(TaskLimits.MaxAssignee);
        builder.Property(t => t.DoneBy).HasMaxLength(200);
        builder.Property(t => t.DoneNote).HasMaxLength(TaskLimits.MaxNote);
        builder.Property(t => t.AddedBy).HasMaxLength(200);
    }
}
