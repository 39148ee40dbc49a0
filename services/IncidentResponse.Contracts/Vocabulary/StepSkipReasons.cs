namespace IncidentResponse.Contracts.Vocabulary;

/// <summary>Why a due escalation step paged nobody: the values of <c>EscalationStepSkipped.Reason</c>.</summary>
public static class StepSkipReasons
{
    /// <summary>Nobody is on duty for the step's schedule.</summary>
    public const string NoOnCall = "no-oncall";

    /// <summary>The engagement was already acknowledged (or went further).</summary>
    public const string Acknowledged = "acknowledged";

    /// <summary>No target of the step could be reached (or the engagement is not known).</summary>
    public const string NoTarget = "no-target";

    /// <summary>The incident is closed.</summary>
    public const string Closed = "closed";
}
