using IncidentResponse.Contracts.Reports;
using IncidentResponse.Triage.Incidents;
using IncidentResponse.Triage.Policy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Triage.Tests.Support;

/// <summary>Triage's batch over a SQLite database of its own, with the shipped rules and the system clock.</summary>
public static class BatchTriage
{
    public static ServiceProvider Services(SqliteDatabase database, TriageOptions? options = null) => new ServiceCollection()
        .AddSingleton(TimeProvider.System)
        .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
        .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
        .AddSingleton(Options.Create(options ?? new TriageOptions()))
        .AddSingleton(ShippedRules.RuleBook)
        .AddSingleton<IncidentNumbers>()
        .AddSingleton<TriageBatcher>()
        .AddScoped<ReportTriage>()
        .AddScoped<IncidentResponse.Triage.Data.TriageDbContext>(_ => database.NewContext())
        .BuildServiceProvider();

    /// <summary>Triages <paramref name="message"/> alone, as a batch of one.</summary>
    public static async Task TriageAsync(IServiceProvider services, ReportReceived message)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReportTriage>().TriageAsync([message], TestContext.Current.CancellationToken);
    }
}
