namespace IncidentResponse.Intake.Maintenance;

/// <summary>The <c>Intake:Maintenance</c> configuration section.</summary>
public sealed class MaintenanceOptions
{
    public const string Section = "Intake:Maintenance";

    /// <summary>How often each Host looks for held alerts whose window is over (one still firing is released at most this late).</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The longest window a coordinator may declare; a longer outage is declared again, on purpose.</summary>
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromDays(7);
}
