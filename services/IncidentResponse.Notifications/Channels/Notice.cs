using IncidentResponse.Contracts.Incidents;

namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// What a notification says, before a channel renders it. Fields that the incident's TLP does not
/// allow on a channel are already removed (<see langword="null"/>) when a channel receives it, and
/// <see cref="Withheld"/> says so; channels render what is left and never look up more. <see cref="PlaybookLink"/>
/// is the response playbook for the incident's class, when there is one. <see cref="Round"/> counts the times a
/// person asked for the notification to be sent again (0: the first sending). <see cref="Drill"/>: the incident is an exercise
/// (diễn tập); every channel marks the notice "DIỄN TẬP / EXERCISE". <see cref="Status"/> is the incident's lifecycle status
/// (null in notices from before it was carried); <see cref="Change"/> is what an update notice tells.
/// <see cref="Document"/>: the issued document the notice
/// sends (kind <see cref="NoticeKind.Document"/>, by e-mail only, with <see cref="Attachments"/>). <see cref="Receipt"/>: the report
/// a receipt confirms (kind <see cref="NoticeKind.Receipt"/>, by e-mail only, to the report's sender). <see cref="Periodic"/>: the
/// periodic report a reminder is about (kind <see cref="NoticeKind.PeriodicReminder"/>, by e-mail only, no incident).
/// <c>Assignment</c> is a person's words on why the unit was engaged by hand: cut below full disclosure (<see cref="Disclosure.Redaction"/>)
/// to an empty string, which the notice reads as withheld. <c>Hotline</c>: the committee's published 24/7 hotline when the notice
/// is sent (<c>Committee:Hotline</c>; set when made, refreshed when sent), which e-mail and chat notices end with; null when none is configured.
/// </summary>
public sealed record Notice(
    Guid NotificationId,
    Guid IncidentId,
    string IncidentNumber,
    NoticeKind Kind,
    string? Title,
    string Classification,
    int SeverityLevel,
    bool Serious,
    string Tlp,
    bool PersonalData,
    string? AffectedSystem,
    string? OwnerAgency,
    IReadOnlyList<LegalDeadline> Deadlines,
    string UnitCode,
    string UnitNameVi,
    string UnitNameEn,
    string ReasonVi,
    string ReasonEn,
    Uri IncidentLink,
    Uri AcknowledgeLink,
    string AcknowledgeCode,
    DateTimeOffset CreatedAt,
    bool Withheld = false,
    Uri? PlaybookLink = null,
    int Round = 0,
    bool Drill = false,
    string? Status = null,
    NoticeChange? Change = null,
    DocumentRef? Document = null,
    string? ReportedVia = null,
    ReceiptRef? Receipt = null,
    PeriodicRef? Periodic = null,
    string? Assignment = null,
    string? Hotline = null,
    bool? SeriousUndetermined = null)
{
    /// <summary>
    /// What receivers deduplicate on (webhook <c>Idempotency-Key</c>, the SMS gateway's <c>{id}</c>, the e-mail's Message-ID):
    /// the notification id for its first sending, <c>&lt;id&gt;.&lt;round&gt;</c> for a sending a person asked for again, so a
    /// receiver drops the retries of one sending but never a resend (review L4).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string SendingKey => SendingKeyIn("D");

    /// <summary><see cref="SendingKey"/> with the notification id written in the GUID <paramref name="format"/> (<c>N</c> in a Message-ID).</summary>
    public string SendingKeyIn(string format) => Round == 0
        ? NotificationId.ToString(format)
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{NotificationId.ToString(format)}.{Round}");

    /// <summary>The files of <see cref="Document"/>, loaded from the database just before sending; never stored with the notice.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<MailAttachment>? Attachments { get; init; }
}

/// <summary>Why a unit is told: engaged by routing (the legal initial report when serious), or reminded by escalation.</summary>
public enum NoticeKind
{
    /// <summary>The unit was engaged on the incident by a routing rule.</summary>
    Engaged,

    /// <summary>The unit was engaged on a serious incident: the legal initial report, subject "[TBSC] …".</summary>
    InitialReport,

    /// <summary>Nobody acknowledged in time; the escalation policy notifies the next level.</summary>
    Escalation,

    /// <summary>A legal reporting deadline of the incident is near or has passed.</summary>
    DeadlineAlert,

    /// <summary>An engaged unit declined; the committee's standing office is told.</summary>
    Declined,

    /// <summary>
    /// The incident became serious, or its severity or TLP rose, after the unit was engaged: "CẬP NHẬT / UPDATE".
    /// </summary>
    Update,

    /// <summary>An issued official document (Mẫu 03, Mẫu 04 …) sent by e-mail with its files attached.</summary>
    Document,

    /// <summary>A receipt to whoever filed a report: the committee has it, under this incident number (QĐ 05 Điều 12).</summary>
    Receipt,

    /// <summary>A periodic report (Mẫu 05) is near its due time or overdue; about no incident.</summary>
    PeriodicReminder,
}
