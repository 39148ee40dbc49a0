using IncidentResponse.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IncidentResponse.ServiceDefaults.Health;

/// <summary>Ready when every service database is migrated and answers now; otherwise says why, per schema.</summary>
internal sealed class DatabaseHealthCheck(IServiceScopeFactory scopes, IEnumerable<ServiceDatabase> databases, DatabaseStatus status) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!status.IsReady)
        {
            // Still starting is not a failure: Degraded (503 on /health/ready all the same, and not logged as
            // an error for every poll of a load balancer); a problem the migrator met is Unhealthy.
            return status.Problems.Count == 0
                ? HealthCheckResult.Degraded("database not ready: migrations are running")
                : HealthCheckResult.Unhealthy($"database not ready: {string.Join("; ", status.Problems.Select(p => $"{p.Key}: {p.Value}"))}");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var failures = new List<string>();
        foreach (var database in databases)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = (DbContext)scope.ServiceProvider.GetRequiredService(database.ContextType);
                await db.Database.OpenConnectionAsync(timeout.Token);
                await db.Database.CloseConnectionAsync();
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failures.Add($"{database.Schema}: {Failures.Describe(ex)}");
            }
        }

        return failures.Count == 0
            ? HealthCheckResult.Healthy($"{databases.Count()} service database(s) reachable")
            : HealthCheckResult.Unhealthy($"database unreachable: {string.Join("; ", failures)}");
    }
}
