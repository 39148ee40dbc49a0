using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Access.People;

/// <summary>One administrative change: who did what to which account, when, and the state before and after (JSON, no secrets).</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public required string ActorId { get; set; }

    public required string ActorName { get; set; }

    /// <summary>What was done, e.g. <c>user.created</c>, <c>user.locked</c>, <c>integration.revoked</c>.</summary>
    public required string Action { get; set; }

    /// <summary>What it was done to, e.g. <c>user:…</c>.</summary>
    public required string Subject { get; set; }

    public string? Before { get; set; }

    public string? After { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_log");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.ActorId).HasMaxLength(200);
        builder.Property(e => e.ActorName).HasMaxLength(200);
        builder.Property(e => e.Action).HasMaxLength(80);
        builder.Property(e => e.Subject).HasMaxLength(200);
        builder.Property(e => e.Before).HasMaxLength(4000);
        builder.Property(e => e.After).HasMaxLength(4000);
        builder.HasIndex(e => e.At);
    }
}
