using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IncidentResponse.Notifications.Partners;

/// <summary>What <see cref="RuleReferenceCheck"/> found at start, as <c>/health/ready</c>'s <c>rule-references</c> entry says it.</summary>
public sealed class RuleReferenceProblems : IHealthCheck
{
    private volatile Found? _found;

    private volatile string? _failure;

    public void Set(IReadOnlyList<string> problems, int rulesChecked) => _found = new Found(problems, rulesChecked);

    /// <summary>The check could not be made (the directory unreadable at that moment).</summary>
    public void Failed(string reason) => _failure = reason;

    /// <summary>A warning that never fails readiness (like stuck work): always Healthy, the description says what is missing.</summary>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_found switch
        {
            null => HealthCheckResult.Healthy(_failure is { } failure
                ? $"rules not checked against the directory: {failure}" : "rules not checked against the directory yet"),
            { RulesChecked: 0 } => HealthCheckResult.Healthy("no co-hosted role's rules name directory codes"),
            { Problems.Count: 0 } => HealthCheckResult.Healthy("every unit and person the rules name is in the directory"),
            var found => HealthCheckResult.Healthy(
                $"WARNING: rules name codes the partner directory does not hold (alerts to them reach nobody): {string.Join(" | ", found.Problems)}",
                new Dictionary<string, object> { ["problems"] = found.Problems.Count }),
        });

    private sealed record Found(IReadOnlyList<string> Problems, int RulesChecked);
}
