using System.Diagnostics;
using IncidentResponse.Benchmarks.Ingest;
using IncidentResponse.Benchmarks.Latency;
using IncidentResponse.Benchmarks.Work;
using IncidentResponse.Testing;
using Npgsql;

namespace IncidentResponse.Benchmarks.Baselines;

/// <summary>
/// B1, B2 and B3 on the run's own containers, each in a fresh database (and virtual host), loaded by the same
/// generator as the Host (closed loop, 32 clients, the same body), warmed up the same way.
/// </summary>
public static class BaselineRuns
{
    public const int Workers = 32;

    /// <summary>B1 raw accept: reports answered 202 per second.</summary>
    public static async Task<double> AcceptAsync(InfrastructureFixture infrastructure, TimeSpan duration, Results results)
    {
        ArgumentNullException.ThrowIfNull(infrastructure);
        ArgumentNullException.ThrowIfNull(results);
        var (database, connection) = await DatabaseAsync(infrastructure, "bench-b1");
        await using var source = await RawStore.CreateAsync(connection);
        await using var writer = new GroupCommitWriter(source);
        await using var server = await RawAcceptServer.StartAsync(writer);
        using var load = new ReportLoad(server.BaseAddress, Workers);
        await load.RunClosedLoopAsync(8, duration / 2);
        var counters = new WorkCounters.Source(infrastructure, await infrastructure.AdminPostgresAsync(), database, null, null);
        var before = await WorkCounters.TakeAsync(counters);
        var warm = load.Accepted;
        var clock = Stopwatch.StartNew();
        await load.RunClosedLoopAsync(Workers, duration);
        var rate = (load.Accepted - warm) / clock.Elapsed.TotalSeconds;
        await Task.Delay(1500); // statistics flushed
        var work = WorkCounters.Between(before, await WorkCounters.TakeAsync(counters));
        results.Note("baseline", $"B1 raw accept: {Results.Format(rate)} reports/s, {Results.Format((double)(load.Accepted - warm) / Math.Max(1, writer.Commits))} reports per commit, "
            + $"{Results.Format(work["total.transactions"] / Math.Max(1, load.Accepted - warm))} transactions per report");
        return rate;
    }

    /// <summary>B2 raw ingest: reports stored, published, consumed and marked triaged, per second (to the last one triaged).</summary>
    public static async Task<double> IngestAsync(InfrastructureFixture infrastructure, TimeSpan duration, Results results)
    {
        ArgumentNullException.ThrowIfNull(infrastructure);
        ArgumentNullException.ThrowIfNull(results);
        var (_, connection) = await DatabaseAsync(infrastructure, "bench-b2");
        var broker = await infrastructure.CreateVirtualHostAsync(TestNames.Unique("bench-b2"));
        await using var source = await RawStore.CreateAsync(connection);
        await using var pipeline = await RawPipeline.StartAsync(source, broker, mail: null);
        await using var writer = new GroupCommitWriter(source, pipeline.PublishAsync);
        await using var server = await RawAcceptServer.StartAsync(writer);
        using var load = new ReportLoad(server.BaseAddress, Workers);
        await load.RunClosedLoopAsync(8, duration / 2);
        var warm = await WaitTriagedAsync(source, load.Accepted, TimeSpan.FromMinutes(1));
        var clock = Stopwatch.StartNew();
        await load.RunClosedLoopAsync(Workers, duration);
        var accepted = (load.Accepted - warm) / clock.Elapsed.TotalSeconds;
        var triaged = await WaitTriagedAsync(source, load.Accepted, TimeSpan.FromMinutes(2));
        var rate = (triaged - warm) / clock.Elapsed.TotalSeconds;
        results.Note("baseline", $"B2 raw ingest: {Results.Format(rate)} reports/s triaged ({Results.Format(accepted)}/s answered 202)");
        return rate;
    }

    /// <summary>B3 raw end to end: closed loop, each client waiting for its report's first mail; reports through per second.</summary>
    public static async Task<double> EndToEndAsync(InfrastructureFixture infrastructure, SmtpTestServer smtp, FirstMails mails, RawPipeline.Mail mail, TimeSpan ramp, TimeSpan duration, Results results)
    {
        ArgumentNullException.ThrowIfNull(infrastructure);
        ArgumentNullException.ThrowIfNull(smtp);
        ArgumentNullException.ThrowIfNull(mails);
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentNullException.ThrowIfNull(results);
        var (_, connection) = await DatabaseAsync(infrastructure, "bench-b3");
        var broker = await infrastructure.CreateVirtualHostAsync(TestNames.Unique("bench-b3"));
        await using var source = await RawStore.CreateAsync(connection);
        await using var pipeline = await RawPipeline.StartAsync(source, broker, (smtp.Port, mail));
        await using var writer = new GroupCommitWriter(source, pipeline.PublishAsync);
        await using var server = await RawAcceptServer.StartAsync(writer);
        using var load = new ReportLoad(server.BaseAddress, Workers);
        await load.RunClosedLoopAsync(8, duration / 2, mails.WaitAsync);
        var rate = await EndToEndLoop.MeasureAsync(load, mails, ramp, duration);
        results.Note("baseline", $"B3 raw end to end: {Results.Format(rate)} reports/s to their first mail (five mails and five rows each; "
            + $"each mail {Results.Format(mail.Text.Length)} characters of text and {Results.Format(mail.Html.Length)} of HTML, a notice's bodies)");
        return rate;
    }

    private static async Task<(string Database, string Connection)> DatabaseAsync(InfrastructureFixture infrastructure, string prefix)
    {
        var name = TestNames.Unique(prefix);
        return (name, await infrastructure.CreateDatabaseAsync(name));
    }

    private static async Task<long> WaitTriagedAsync(NpgsqlDataSource source, int count, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var triaged = await RawStore.TriagedAsync(source);
            if (triaged >= count || clock.Elapsed > timeout)
            {
                return triaged;
            }

            await Task.Delay(100);
        }
    }
}
