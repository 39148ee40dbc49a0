namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// The <c>Notifications:Resilience:&lt;channel&gt;</c> section (named options, one per channel): retries with
/// exponential backoff and jitter, a circuit breaker per endpoint, and a time-out per try.
/// Read once, when the first try to an endpoint builds its pipeline.
/// </summary>
public sealed class ResilienceOptions
{
    public const string Section = "Notifications:Resilience";

    /// <summary>Retries after the first try, for transient failures only.</summary>
    public int MaxRetries { get; set; } = 3;

    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time-out of one try.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public double BreakerFailureRatio { get; set; } = 0.5;

    public int BreakerMinimumThroughput { get; set; } = 4;

    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
