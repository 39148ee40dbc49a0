namespace IncidentResponse.Escalation.Schedules;

/// <summary>The <c>Escalation</c> configuration section.</summary>
public sealed class EscalationOptions
{
    public const string Section = "Escalation";

    /// <summary>Where <c>schedules-*.yaml</c> are; the shipped ones beside the Host by default.</summary>
    public string RulesDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "Rules");

    /// <summary>How far ahead gaps in on-call coverage are reported.</summary>
    public TimeSpan GapWarningHorizon { get; set; } = TimeSpan.FromDays(14);
}
