namespace IncidentResponse.Contracts.Api.Analytics;

/// <summary>
/// A unit's response figures over a period (engagements whose <c>EngagedAt</c> falls in it; see docs/analytics.md).
/// Times are seconds; a mean, median or 90th percentile is null when nothing was measured. The median and the 90th
/// percentile interpolate between the two nearest times (as PostgreSQL's <c>percentile_cont</c>): a mean is pulled by one
/// engagement left for a night, the median is not, and the 90th percentile says how long the slow tenth waited. <see cref="DeliveryFailures"/>: failed delivery attempts to
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
    long DutiesPending,
    double? AckMedianSeconds = null,
    double? AckP90Seconds = null,
    double? ResolveMedianSeconds = null,
    double? ResolveP90Seconds = null);
