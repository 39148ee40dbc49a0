using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Contracts.Reports;

namespace IncidentResponse.Web.Pages.Incidents;

// What the pages read from /api/v1, as the API writes it (camelCase JSON). Only the fields the pages show.

public sealed record SeverityView(int Level, string NameVi, string NameEn, string Colour, int Score, bool Overridden);

public sealed record StatusView(string Value, string NameVi, string NameEn);

public sealed record IncidentSummary(
    Guid Id, string Number, string Title, StatusView Status, SeverityView Severity, bool Serious, string Classification, string Tlp,
    int ReportCount, DateTimeOffset DetectedAt, DateTimeOffset OpenedAt, DateTimeOffset LastSeenAt, LegalDeadline? NextDeadline);

public sealed record PageOf<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public sealed record FactorContribution(string Factor, string? Value, bool Known, int Points, double Weight, double Contribution);

public sealed record FiredRule(string Id, string DescriptionVi, string DescriptionEn, string Effect, bool Changed);

public sealed record SeriousTest(bool Serious, bool ImportantSystem, int? SecurityLevel, IReadOnlyList<string> Consequences, bool? OwnerCanHandle, string Basis);

public sealed record Assessment(
    string PolicyVersion, int Score, int ScoreLevel, int Level, bool Serious, IReadOnlyList<FactorContribution> Contributions, IReadOnlyList<FiredRule> Rules,
    SeriousTest SeriousTest);

public sealed record ReportLinkView(Guid ReportId, string Title, string Channel, DateTimeOffset ReceivedAt, int Level, int Score, bool Serious);

public sealed record IncidentDetail(
    Guid Id, string Number, string Title, StatusView Status, SeverityView Severity, bool Serious, string Classification, string Tlp,
    string? Resolution, bool PersonalData, DateTimeOffset DetectedAt, DateTimeOffset OpenedAt, DateTimeOffset LastSeenAt, DateTimeOffset? ClosedAt,
    int ReportCount, AffectedSystem? AffectedSystem, string Regime, IReadOnlyList<LegalDeadline> Deadlines, Assessment Triage,
    IReadOnlyList<ReportLinkView> Reports, int TimelineLength, string? TimelineHead);

public sealed record TimelineEntryView(
    int Sequence, DateTimeOffset OccurredAt, string Kind, string ActorId, string ActorName, string Channel, string SummaryVi, string SummaryEn, string Hash);

public sealed record TimelineVerification(bool Valid, int Entries, string? HeadHash, IReadOnlyList<string> Problems);

public sealed record ReportView(
    Guid ReportId, string Status, DateTimeOffset ReceivedAt, string Channel, string SubmittedBy, Guid? IncidentId, string? IncidentNumber, bool Correlated,
    DateTimeOffset? TriagedAt, IncidentReport? Report);

public sealed record ReportAccepted(Guid ReportId, string Status, DateTimeOffset ReceivedAt);

public sealed record DeliverySummary(
    Guid Id, Guid IncidentId, string IncidentNumber, string Unit, string Recipient, string Kind, string Status, int Attempts, int Resends,
    string? DeliveredChannel, string? DeliveredAddress, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, string Origin, Guid? EngagementId);

public sealed record AttemptView(
    int Sequence, int Round, string Channel, string Address, DateTimeOffset StartedAt, string Outcome, string ProviderResponse, string? ProviderMessageId, int LatencyMs);

public sealed record DeliveryDetail(DeliverySummary Delivery, string AcknowledgeCode, IReadOnlyList<AttemptView> Attempts);

/// <summary>An engagement as <c>/incidents/{id}/engagements</c> (with deliveries) and <c>/engagements/{id}</c> and the portal write it.</summary>
public sealed record EngagementView(
    Guid Id, string Unit, string RuleId, int SeverityLevel, bool Serious, DateTimeOffset EngagedAt, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy,
    string? AcknowledgedVia, string State, DateTimeOffset? AcceptedAt, string? AcceptedBy, DateTimeOffset? DeclinedAt, string? DeclinedBy,
    string? DeclineReason, string? HandedTo, DateTimeOffset? ResolvedAt, string? ResolvedBy, string? ResolutionSummary, int CurrentRound, int CurrentStep,
    IReadOnlyList<DeliverySummary>? Deliveries = null);

public sealed record StepView(int Round, int Step, bool Retrigger, DateTimeOffset DueAt, DateTimeOffset FiredAt, string Outcome, string Detail, string FiredBy);

public sealed record ChainView(
    Guid EngagementId, string Unit, string PolicyId, string PolicyVersion, string State, int Round, int? NextStep, DateTimeOffset? NextDueAt,
    DateTimeOffset StartedAt, DateTimeOffset? AcknowledgedAt, DateTimeOffset? EndedAt, IReadOnlyList<StepView> Steps);

public sealed record ClockView(string DeadlineId, string NameVi, string NameEn, string Basis, DateTimeOffset DueAt, string State, int AlertsSent, DateTimeOffset? NextAlertAt);

public sealed record PortalIncident(
    Guid IncidentId, string Number, string Disclosure, string Tlp, string? Title, string Classification, int SeverityLevel, bool Serious, bool PersonalData,
    string? AffectedSystem, string? OwnerAgency, IReadOnlyList<LegalDeadline> Deadlines, DateTimeOffset LastNoticeAt, IReadOnlyList<EngagementView> Engagements);
