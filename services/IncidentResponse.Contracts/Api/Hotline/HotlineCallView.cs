namespace IncidentResponse.Contracts.Api.Hotline;

/// <summary>
/// One call to the committee's 24/7 hotline as the person who took it logged it (<c>/api/v1/hotline/calls</c>): when it came,
/// who called (personal data: staff only), what was said, what was done (<see cref="Vocabulary.HotlineOutcomes"/>) and the report
/// it led to, if any.
/// </summary>
public sealed record HotlineCallView(
    Guid Id,
    DateTimeOffset ReceivedAt,
    string? CallerName,
    string? CallerPhone,
    string? CallerOrganization,
    string Summary,
    string Outcome,
    Guid? ReportId,
    string LoggedBy,
    DateTimeOffset LoggedAt);
