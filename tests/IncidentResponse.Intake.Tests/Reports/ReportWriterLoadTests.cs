using System.Diagnostics;
using IncidentResponse.Intake.Reports;
using IncidentResponse.Intake.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Intake.Tests.Reports;

/// <summary>
/// What group commit buys on durable PostgreSQL (fsync on): many submitters at once, each with its own
/// idempotency key, cost a fraction of a transaction per report instead of two (key look-up and commit).
/// Prints the figures (reports/s and transactions per report, one commit per report against group commit).
/// </summary>
public sealed class ReportWriterLoadTests(PostgresServer postgres)
{
    private const int Submitters = 64;
    private const int PerSubmitter = 40;

    [Fact]
    public async Task Many_submitters_at_once_on_durable_postgres_cost_a_fraction_of_a_transaction_per_report()
    {
        var durable = await postgres.SettingsAsync("fsync", "synchronous_commit", "full_page_writes");
        Assert.Equal(["on", "on", "on"], durable);
        var alone = await RunAsync(new IntakeOptions { WriteBatchSize = 1, Writers = Submitters });
        var together = await RunAsync(new IntakeOptions());

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"one commit per report: {alone.PerSecond:F0} reports/s, {alone.TransactionsPerReport:F2} transactions/report; "
            + $"group commit: {together.PerSecond:F0} reports/s, {together.TransactionsPerReport:F2} transactions/report");
        Assert.True(alone.TransactionsPerReport >= 1.9, $"{alone.TransactionsPerReport} transactions per report alone");
        Assert.True(together.TransactionsPerReport <= 0.5, $"{together.TransactionsPerReport} transactions per report with group commit");
    }

    private async Task<(double PerSecond, double TransactionsPerReport)> RunAsync(IntakeOptions options)
    {
        using var database = await postgres.CreateDatabaseAsync();
        var count = new TransactionCount();
        await using var services = ReportWriterTests.Services(database, options, count);
        var writer = services.GetRequiredService<ReportWriter>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Submitters).Select(s => Task.Run(async () =>
        {
            for (var i = 0; i < PerSubmitter; i++)
            {
                Assert.IsType<AcceptResult.Accepted>(await writer.AcceptAsync(ReportWriterTests.Submit($"{s}-{i}"), TestContext.Current.CancellationToken));
            }
        })));
        clock.Stop();
        const int reports = Submitters * PerSubmitter;
        return (reports / clock.Elapsed.TotalSeconds, (double)count.Transactions / reports);
    }
}
