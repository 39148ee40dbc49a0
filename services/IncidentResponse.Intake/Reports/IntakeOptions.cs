namespace IncidentResponse.Intake.Reports;

/// <summary>The <c>Intake</c> configuration section.</summary>
public sealed class IntakeOptions
{
    public const string Section = "Intake";

    /// <summary>A report not triaged this long after it was announced is announced again.</summary>
    public TimeSpan ReannounceAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often to look for such reports.</summary>
    public TimeSpan ReannounceCheckInterval { get; set; } = TimeSpan.FromSeconds(30);
}
