namespace IncidentResponse.Escalation.Schedules;

/// <summary>The <c>Escalation</c> configuration section.</summary>
public sealed class EscalationOptions
{
    public const string Section = "Escalation";

    /// <summary>Where <c>schedules-*.yaml</c> and <c>escalation-policies-*.yaml</c> are; the shipped ones beside the Host by default.</summary>
    public string RulesDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "Rules");

    /// <summary>How far ahead gaps in on-call coverage are reported.</summary>
    public TimeSpan GapWarningHorizon { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How often pending steps and deadline alerts in the database are checked for a missing trigger.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many timers fire at once on this Host (the Quartz thread pool). Chosen by the storm benchmark.</summary>
    public int TimerConcurrency { get; set; } = 20;

    /// <summary>How many due triggers one acquisition takes (Quartz batch size; 0 or 1: one at a time). Chosen by the storm benchmark.</summary>
    public int TimerBatchSize { get; set; } = 20;
}
