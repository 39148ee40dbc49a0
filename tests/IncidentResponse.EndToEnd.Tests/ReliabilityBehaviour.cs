using IncidentResponse.Contracts.Reports;
using IncidentResponse.Testing;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Timeline;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.EndToEnd.Tests;

/// <summary>At-least-once delivery applied once, and a timeline that shows tampering. Runs on both deployments.</summary>
public abstract class ReliabilityBehaviour(HostFixture fixture)
{
    private ApiClient Api => fixture.Api;

    [Fact]
    public async Task The_same_report_delivered_several_times_is_triaged_once()
    {
        var reportId = NewId.NextGuid();
        var message = new ReportReceived(reportId, TimeProvider.System.GetUtcNow(), "api", "duplicate test", SampleReports.DdosAsAnnounced($"Duplicate {reportId:N}"));
        var bus = fixture.Host.Services.GetRequiredService<IBus>();
        var messageId = NewId.NextGuid();

        // The broker redelivers (same message id); an outbox relay or intake re-announces (new id).
        await Task.WhenAll(
            bus.Publish(message, c => c.MessageId = messageId, TestContext.Current.CancellationToken),
            bus.Publish(message, c => c.MessageId = messageId, TestContext.Current.CancellationToken),
            bus.Publish(message, TestContext.Current.CancellationToken));

        var link = await Eventually.MatchesAsync(
            () => WithTriageAsync(db => db.IncidentReports.AsNoTracking().Where(l => l.ReportId == reportId).ToListAsync()),
            links => links.Count > 0, what: "the report triaged");
        await Task.Delay(1500, TestContext.Current.CancellationToken);
        var incidentId = Assert.Single(link).IncidentId;
        Assert.Single(await WithTriageAsync(db => db.IncidentReports.AsNoTracking().Where(l => l.ReportId == reportId).ToListAsync()));
        var incident = await Api.GetJsonAsync($"/api/v1/incidents/{incidentId}");
        Assert.Equal(1, incident.GetProperty("reportCount").GetInt32());
        var timeline = await Api.GetJsonAsync($"/api/v1/incidents/{incidentId}/timeline");
        Assert.Equal(["incident-opened", "triaged"], timeline.EnumerateArray().Select(e => e.GetProperty("kind").GetString())
            .Where(k => k is "incident-opened" or "triaged" or "report-correlated"));
    }

    [Fact]
    public async Task The_same_triage_answer_delivered_twice_updates_the_report_once()
    {
        var reportId = await Api.SubmitReportAsync(SampleReports.Ddos($"Answer twice {Guid.NewGuid():N}"));
        var triaged = await Api.WaitUntilTriagedAsync(reportId);
        var bus = fixture.Host.Services.GetRequiredService<IBus>();
        var answer = new ReportTriaged(reportId, triaged.GetProperty("incidentId").GetGuid(), triaged.GetProperty("incidentNumber").GetString()!, false,
            triaged.GetProperty("triagedAt").GetDateTimeOffset().AddMinutes(5));

        await bus.Publish(answer, TestContext.Current.CancellationToken);
        await bus.Publish(answer, TestContext.Current.CancellationToken);
        await Task.Delay(1500, TestContext.Current.CancellationToken);

        var after = await Api.GetJsonAsync($"/api/v1/reports/{reportId}");
        Assert.Equal(triaged.GetProperty("triagedAt").GetDateTimeOffset(), after.GetProperty("triagedAt").GetDateTimeOffset());
        Assert.Equal(triaged.GetProperty("incidentId").GetGuid(), after.GetProperty("incidentId").GetGuid());
    }

    [Fact]
    public async Task A_changed_or_removed_timeline_entry_is_detected()
    {
        var incident = await Api.IncidentOfReportAsync(await Api.SubmitReportAsync(SampleReports.Ddos($"Tamper {Guid.NewGuid():N}")));
        var id = incident.GetProperty("id").GetGuid();
        await Api.WaitUntilNotifiedAsync(id); // nothing else is appended while the test changes rows
        await Api.PostJsonAsync($"/api/v1/incidents/{id}/notes", new { text = "ghi chú 1" });
        await Api.PostJsonAsync($"/api/v1/incidents/{id}/notes", new { text = "ghi chú 2" });
        var timeline = await Api.GetJsonAsync($"/api/v1/incidents/{id}/timeline");
        Assert.True((await Api.GetJsonAsync($"/api/v1/incidents/{id}/timeline/verify")).GetProperty("valid").GetBoolean());

        var second = timeline[1].GetProperty("hash").GetString()!;
        await SqlAsync("UPDATE {table} SET summary_en = 'nothing happened' WHERE hash = {0}", second);
        var changed = await Api.GetJsonAsync($"/api/v1/incidents/{id}/timeline/verify");
        Assert.False(changed.GetProperty("valid").GetBoolean());
        Assert.Contains(changed.GetProperty("problems").EnumerateArray(), p => p.GetString()!.Contains("entry 2 was changed", StringComparison.Ordinal));

        var last = timeline[timeline.GetArrayLength() - 1].GetProperty("hash").GetString()!;
        await SqlAsync("UPDATE {table} SET summary_en = {1} WHERE hash = {0}", second, timeline[1].GetProperty("summaryEn").GetString()!);
        Assert.True((await Api.GetJsonAsync($"/api/v1/incidents/{id}/timeline/verify")).GetProperty("valid").GetBoolean());
        await SqlAsync("DELETE FROM {table} WHERE hash = {0}", last);
        var truncated = await Api.GetJsonAsync($"/api/v1/incidents/{id}/timeline/verify");
        Assert.False(truncated.GetProperty("valid").GetBoolean());
        Assert.Contains(truncated.GetProperty("problems").EnumerateArray(), p => p.GetString()!.Contains($"records {timeline.GetArrayLength()} entries", StringComparison.Ordinal));
    }

    /// <summary>Raw SQL on the timeline table, as someone with database access could run it.</summary>
    private Task<int> SqlAsync(string sql, params object[] parameters) => WithTriageAsync(db =>
    {
        var statement = sql.Replace("{table}", db.Model.FindEntityType(typeof(TimelineEntry))!.GetSchemaQualifiedTableName(), StringComparison.Ordinal);
        return db.Database.ExecuteSqlRawAsync(statement, parameters);
    });

    private async Task<T> WithTriageAsync<T>(Func<TriageDbContext, Task<T>> action)
    {
        await using var scope = fixture.Host.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TriageDbContext>());
    }
}

public sealed class ReliabilityOnEmbeddedDefault(EmbeddedHostFixture fixture) : ReliabilityBehaviour(fixture), IClassFixture<EmbeddedHostFixture>;

public sealed class ReliabilityOnRabbitMqAndPostgres(DistributedHostFixture fixture) : ReliabilityBehaviour(fixture), IClassFixture<DistributedHostFixture>;
