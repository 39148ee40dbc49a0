using Microsoft.Extensions.Options;

namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// The <c>Notifications:Resilience:&lt;channel&gt;</c> section (named options, one per channel): retries with
/// exponential backoff and jitter, a circuit breaker per endpoint, and a time-out per try.
/// Read once, when the first try to an endpoint builds its pipeline.
/// </summary>
public sealed class ResilienceOptions
{
    public const string Section = "Notifications:Resilience";

    /// <summary>Retries after the first try, for transient failures only; 0: one try.</summary>
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

/// <summary>
/// Checks each channel's <see cref="ResilienceOptions"/> at start-up against what the pipeline accepts: a value Polly
/// refuses would otherwise surface only at the first try, leaving every notice of the channel unsent.
/// </summary>
internal sealed class ResilienceOptionsValidator : IValidateOptions<ResilienceOptions>
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
    private static readonly TimeSpan HalfSecond = TimeSpan.FromMilliseconds(500);

    public ValidateOptionsResult Validate(string? name, ResilienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var at = $"{ResilienceOptions.Section}:{name}";
        List<string> problems = [];
        if (options.MaxRetries < 0)
        {
            problems.Add($"{at}:MaxRetries must be 0 or more.");
        }

        if (options.BaseDelay < TimeSpan.Zero || options.BaseDelay > Day)
        {
            problems.Add($"{at}:BaseDelay must be between 0 and one day.");
        }

        // A MaxDelay below BaseDelay caps every delay at MaxDelay, as Polly reads it.
        if (options.MaxDelay < TimeSpan.Zero || options.MaxDelay > Day)
        {
            problems.Add($"{at}:MaxDelay must be between 0 and one day.");
        }

        if (options.Timeout < TimeSpan.FromMilliseconds(10) || options.Timeout > Day)
        {
            problems.Add($"{at}:Timeout must be between 10 ms and one day.");
        }

        if (options.BreakerFailureRatio is < 0 or > 1 || double.IsNaN(options.BreakerFailureRatio))
        {
            problems.Add($"{at}:BreakerFailureRatio must be between 0 and 1.");
        }

        if (options.BreakerMinimumThroughput < 2)
        {
            problems.Add($"{at}:BreakerMinimumThroughput must be at least 2.");
        }

        if (options.BreakerSamplingDuration < HalfSecond || options.BreakerSamplingDuration > Day)
        {
            problems.Add($"{at}:BreakerSamplingDuration must be between 0.5 s and one day.");
        }

        if (options.BreakDuration < HalfSecond || options.BreakDuration > Day)
        {
            problems.Add($"{at}:BreakDuration must be between 0.5 s and one day.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
