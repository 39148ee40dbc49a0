namespace IncidentResponse.Intake.Heartbeats;

/// <summary>The <c>Intake:Heartbeats</c> configuration section.</summary>
public sealed class HeartbeatOptions
{
    public const string Section = "Intake:Heartbeats";

    /// <summary>How often to look for heartbeats past due (a miss is raised at most this late).</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(5);
}
