using IncidentResponse.ServiceDefaults.Messaging.Redelivery;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IncidentResponse.ServiceDefaults.Health;

/// <summary>
/// A warning inside <c>/health/ready</c> that never fails it: stuck messages are work for a coordinator,
/// not a reason to take this Host out of a load balancer (which would stop its consumers from working
/// off the very messages waiting for redelivery). Always Healthy; the description and data say how many
/// messages wait for redelivery, are parked, and how many outbox rows are quarantined.
/// </summary>
internal sealed class ParkedWorkHealthCheck(ParkedWorkMonitor monitor) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ParkedCount>? counts;
        try
        {
            counts = await monitor.CountsAsync(TimeSpan.FromSeconds(10), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Healthy($"stuck messages not counted now: {Failures.Describe(ex)}");
        }

        if (counts is null)
        {
            return HealthCheckResult.Healthy("stuck messages not counted yet");
        }

        var waiting = counts.Sum(c => c.Waiting);
        var parked = counts.Sum(c => c.Parked);
        var quarantined = counts.Sum(c => c.Quarantined);
        var data = new Dictionary<string, object> { ["waiting"] = waiting, ["parked"] = parked, ["quarantined"] = quarantined };
        if (parked + quarantined == 0)
        {
            return HealthCheckResult.Healthy(waiting == 0 ? "no stuck messages" : $"{waiting} message(s) wait for redelivery", data);
        }

        var where = string.Join(", ", counts.Where(c => c.Parked + c.Quarantined > 0).Select(c => $"{c.Database}: {c.Parked} parked, {c.Quarantined} quarantined"));
        return HealthCheckResult.Healthy(
            $"WARNING: {parked} message(s) parked and {quarantined} outbox row(s) quarantined ({where}); {waiting} wait for redelivery. See /admin/parked-work",
            data);
    }
}
