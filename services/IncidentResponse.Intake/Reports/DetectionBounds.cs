namespace IncidentResponse.Intake.Reports;

/// <summary>
/// How far from the filing time a report's detection time may lie: legal deadlines run from it, so a time
/// far in the past would start them already overdue, and one in the future is a mistake (or a clock ahead).
/// </summary>
public sealed record DetectionBounds(TimeSpan LookBack, TimeSpan Lead)
{
    public static DetectionBounds Default { get; } = new(TimeSpan.FromDays(30), TimeSpan.FromMinutes(5));
}
