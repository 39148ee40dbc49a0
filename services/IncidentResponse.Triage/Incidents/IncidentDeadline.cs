using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentResponse.Triage.Incidents;

/// <summary>
/// A legal reporting duty of an incident, stored with its legal basis and regime, recipients, due time
/// and what became of it: <c>due</c> → <c>submitted</c> (who, when, to whom, by which channel, which
/// document version) or <c>waived</c> (who, why). "Overdue" is a due duty past its due time (see
/// <see cref="Duties.StateAt"/>). Its id within the incident is its <see cref="Kind"/>.
/// </summary>
public sealed class IncidentDeadline
{
    public Guid IncidentId { get; set; }

    public required string Kind { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public required string Regime { get; set; }

    public required string NameVi { get; set; }

    public required string NameEn { get; set; }

    public required string Basis { get; set; }

    /// <summary>Comma-separated recipient roles (committee, police, a05 …).</summary>
    public required string Recipients { get; set; }

    /// <summary><c>due</c>, <c>submitted</c> or <c>waived</c> (<see cref="Contracts.Vocabulary.DutyStates"/>).</summary>
    public string State { get; set; } = Contracts.Vocabulary.DutyStates.Due;

    /// <summary>When the duty was recorded; null for duties recorded before duties had states.</summary>
    public DateTimeOffset? CreatedAt { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>The person (name) who recorded the submission.</summary>
    public string? SubmittedBy { get; set; }

    /// <summary>Comma-separated recipients it went to; the duty's own recipients when not said.</summary>
    public string? SubmittedTo { get; set; }

    /// <summary>How it went: e-mail, post, portal, hand …</summary>
    public string? Channel { get; set; }

    /// <summary>Which version of the document was sent (e.g. an official document number or a generated version).</summary>
    public string? DocumentVersion { get; set; }

    /// <summary>The issued document version the submission named (<c>issued_documents</c>), if any.</summary>
    public Guid? DocumentId { get; set; }

    public string? Note { get; set; }

    public DateTimeOffset? WaivedAt { get; set; }

    public string? WaivedBy { get; set; }

    public string? WaiverReason { get; set; }

    /// <summary>Its rule asks a submission after the due time to say why it is late (<see cref="Policy.DeadlineRule.LateReasonRequired"/>), as the rule said when the duty was created.</summary>
    public bool LateReasonRequired { get; set; }

    /// <summary>Its rule expects a confirmation record (biên bản xác nhận, <see cref="Policy.DeadlineRule.ConfirmationRecord"/>).</summary>
    public bool ConfirmationRecordExpected { get; set; }

    /// <summary>Why it was submitted late, as the submitter said (required when <see cref="LateReasonRequired"/> and late).</summary>
    public string? LateReason { get; set; }

    /// <summary>The confirmation record's number and date, as the submitter gave them.</summary>
    public string? ConfirmationRecord { get; set; }
}

internal sealed class IncidentDeadlineConfiguration : IEntityTypeConfiguration<IncidentDeadline>
{
    public void Configure(EntityTypeBuilder<IncidentDeadline> builder)
    {
        builder.ToTable("incident_deadlines");
        builder.HasKey(d => new { d.IncidentId, d.Kind });
        builder.Property(d => d.Kind).HasMaxLength(60);
        builder.Property(d => d.Regime).HasMaxLength(50);
        builder.Property(d => d.NameVi).HasMaxLength(300);
        builder.Property(d => d.NameEn).HasMaxLength(300);
        builder.Property(d => d.Basis).HasMaxLength(300);
        builder.Property(d => d.Recipients).HasMaxLength(300);
        builder.HasIndex(d => d.DueAt);
        builder.Property(d => d.State).HasMaxLength(20).HasDefaultValue(Contracts.Vocabulary.DutyStates.Due);
        builder.HasIndex(d => new { d.State, d.DueAt });
        builder.Property(d => d.SubmittedBy).HasMaxLength(200);
        builder.Property(d => d.SubmittedTo).HasMaxLength(500);
        builder.Property(d => d.Channel).HasMaxLength(50);
        builder.Property(d => d.DocumentVersion).HasMaxLength(200);
        builder.Property(d => d.Note).HasMaxLength(2000);
        builder.Property(d => d.WaivedBy).HasMaxLength(200);
        builder.Property(d => d.WaiverReason).HasMaxLength(2000);
        builder.Property(d => d.LateReason).HasMaxLength(2000);
        builder.Property(d => d.ConfirmationRecord).HasMaxLength(300);
    }
}
