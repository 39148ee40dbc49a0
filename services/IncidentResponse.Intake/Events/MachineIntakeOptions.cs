namespace IncidentResponse.Intake.Events;

/// <summary>The <c>Intake:Machine</c> configuration section: limits of the machine doors.</summary>
public sealed class MachineIntakeOptions
{
    public const string Section = "Intake:Machine";

    /// <summary>Events accepted per integration key and minute (PagerDuty: about 120), per Host; more get 429. 0 = no limit.</summary>
    public int EventsPerMinute { get; set; } = 120;
}
