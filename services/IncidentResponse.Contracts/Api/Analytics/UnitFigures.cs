namespace IncidentResponse.Contracts.Api.Analytics;

/// <summary>
/// A unit's response figures over a period (engagements whose <c>EngagedAt</c> falls in it; see docs/analytics.md).
/// Times are seconds; a mean is null when nothing was measured. <see cref="DeliveryFailures"/>: failed delivery attempts to
/// the unit in the period, by channel. Duties: the legal duties of the incidents the unit was engaged on.
/// </summary>
public sealed record UnitFigures(
    string Unit,
    string UnitName,
    string UnitNameEn,
    long Engagements,
    long Acknowledged,
    double? MttaSeconds,
    long Resolved,
    double? MttrSeconds,
    long Declines,
    double? DeclineDelaySeconds,
    long HandOffs,
    double? PagesBeforeAck,
    IReadOnlyDictionary<string, long> DeliveryFailures,
    long DutiesOnTime,
    long DutiesLate,
    long DutiesMissed,
    long DutiesPending);
