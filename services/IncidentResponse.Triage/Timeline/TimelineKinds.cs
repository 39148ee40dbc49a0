namespace IncidentResponse.Triage.Timeline;

/// <summary>The types of timeline entries.</summary>
public static class TimelineKinds
{
    public const string IncidentOpened = "incident-opened";
    public const string Triaged = "triaged";
    public const string ReportCorrelated = "report-correlated";
    public const string SeverityChanged = "severity-changed";
    public const string ClassificationChanged = "classification-changed";
    public const string StatusChanged = "status-changed";
    public const string NoteAdded = "note-added";
    public const string UnitEngaged = "unit-engaged";
    public const string NotificationDelivered = "notification-delivered";
    public const string NotificationFailed = "notification-failed";
    public const string UnitAcknowledged = "unit-acknowledged";
    public const string UnitAccepted = "unit-accepted";
    public const string UnitDeclined = "unit-declined";
    public const string UnitResolved = "unit-resolved";
    public const string UnitNote = "unit-note";
    public const string EscalationPaged = "escalation-paged";
    public const string EscalationSkipped = "escalation-skipped";
    public const string EscalationExhausted = "escalation-exhausted";
    public const string LegalDeadlineAlert = "legal-deadline-alert";
    public const string AlertRepeated = "alert-repeated";
    public const string AlertAcknowledged = "alert-acknowledged";
    public const string AlertResolved = "alert-resolved";
    public const string DutySubmitted = "duty-submitted";
    public const string DutyWaived = "duty-waived";
    public const string DutyRecordAdded = "duty-record-added";
    public const string DocumentIssued = "document-issued";
    public const string DocumentSent = "document-sent";
    public const string EvidenceAdded = "evidence-added";
    public const string EvidenceCustody = "evidence-custody";
    public const string TaskAdded = "task-added";
    public const string TaskDone = "task-done";
    public const string TaskReopened = "task-reopened";
    public const string TaskAssigned = "task-assigned";
    public const string PersonalDataDeclared = "personal-data-declared";
    public const string NationalSecurityDeclared = "national-security-declared";
}
