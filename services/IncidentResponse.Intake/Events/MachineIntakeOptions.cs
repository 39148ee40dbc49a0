namespace IncidentResponse.Intake.Events;

/// <summary>The <c>Intake:Machine</c> configuration section: limits of the machine doors.</summary>
public sealed class MachineIntakeOptions
{
    public const string Section = "Intake:Machine";

    /// <summary>Events accepted per integration key and minute (PagerDuty: about 120), per Host; more get 429. 0 = no limit.</summary>
    public int EventsPerMinute { get; set; } = 120;

    /// <summary>
    /// An open alert's repeated triggers go on its incident's timeline at most this often: the first repeat at once, later
    /// ones counted and written together once this much time has passed since the last written (review M4e: a source
    /// firing every second wrote 86,400 timeline entries a day). Zero writes every repeat.
    /// </summary>
    public TimeSpan RepeatNoticeEvery { get; set; } = TimeSpan.FromMinutes(15);
}
