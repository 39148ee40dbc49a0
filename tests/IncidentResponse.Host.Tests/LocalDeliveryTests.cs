using System.Collections.Concurrent;
using IncidentResponse.Contracts.Reports;
using IncidentResponse.Intake.Data;
using IncidentResponse.ServiceDefaults.Outbox;
using IncidentResponse.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Host.Tests;

/// <summary>
/// A message whose one consumer runs in the same Host (a report's announcement to triage) goes from the outbox relay
/// to that consumer in memory, not through the broker; its row stays until the consumer completed, and a consumer that
/// fails sends it through the broker after all. A spy consumer on the bus shows what was published.
/// </summary>
public sealed class LocalDeliveryTests
{
    private const string ApiKey = "local-delivery-tests-key-0123456789ab";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Reports_announced_to_triage_in_the_same_Host_are_triaged_without_a_publication_unless_local_delivery_is_off(bool local)
    {
        using var data = new TempDirectory();
        var spy = new Announcements();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), roles: "intake,triage",
            settings: new Dictionary<string, string>(Settings()) { ["Outbox:LocalDelivery"] = local ? "true" : "false" }, customization: Spying(spy));
        await OutboxHandOverTests.WaitAttachedAsync(host); // before it, commits wait for a poll, which publishes
        var api = new ApiClient(host.Http, ApiKey);

        var reports = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            reports.Add(await api.SubmitReportAsync(SampleReports.Ddos($"local-{i}-{Guid.NewGuid():N}"[..24])));
        }

        foreach (var report in reports)
        {
            await api.WaitUntilTriagedAsync(report);
        }

        await Eventually.MatchesAsync(() => AnnouncementRowsAsync(host), n => n == 0, TimeSpan.FromSeconds(10), "the announcements' rows settled");
        // A marker published after them: once the spy has it, whatever the relay published before has reached the spy too.
        var marker = Announcement("marker");
        await host.Services.GetRequiredService<IBus>().Publish(marker, Cancel);
        await Eventually.MatchesAsync(() => Task.FromResult(spy.Received.Any(m => m.Reports[0].ReportId == marker.Reports[0].ReportId)), seen => seen,
            TimeSpan.FromSeconds(10), "the marker");
        var published = spy.Received.SelectMany(m => m.Reports).Select(r => r.ReportId).Where(reports.Contains).Distinct().Count();
        Assert.Equal(local ? 0 : reports.Count, published);
    }

    [Fact]
    public async Task A_message_its_local_consumer_takes_is_not_published_and_one_it_fails_is_published_and_counted_as_an_error()
    {
        using var data = new TempDirectory();
        var spy = new Announcements();
        var local = new ChoosyConsumer();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), roles: "intake", settings: Settings(),
            customization: Spying(spy, b => b.Services.AddSingleton(local).AddLocalConsumer<ChoosyConsumerAdapter>()));
        await OutboxHandOverTests.WaitAttachedAsync(host); // before it, commits wait for a poll, which publishes
        var taken = Announcement("taken");
        var refused = Announcement(ChoosyConsumer.Refuses);

        foreach (var message in new[] { taken, refused })
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
            db.PublishAfterCommit(message, TimeProvider.System.GetUtcNow());
            await db.SaveChangesAsync(Cancel);
        }

        await Eventually.MatchesAsync(() => Task.FromResult(spy.Received.Count), n => n >= 1, TimeSpan.FromSeconds(10), "the refused message published");
        await Eventually.MatchesAsync(() => AnnouncementRowsAsync(host), n => n == 0, TimeSpan.FromSeconds(10), "both rows settled");
        Assert.Equal([taken.Reports[0].ReportId], local.Taken);
        Assert.Equal([refused.Reports[0].ReportId], spy.Received.Select(m => m.Reports[0].ReportId));

        using var response = await new ApiClient(host.Http, ApiKey).SendAsync(HttpMethod.Get, "/metrics");
        var metrics = await response.Content.ReadAsStringAsync(Cancel);
        Assert.Equal(2, Sample(metrics, "ir_consume_duration_seconds_count"));
        Assert.Equal(1, Sample(metrics, "ir_consume_errors_total"));
    }

    [Fact]
    public async Task A_message_its_local_consumer_does_not_finish_within_half_the_claims_lease_is_published()
    {
        using var data = new TempDirectory();
        var spy = new Announcements();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), roles: "intake",
            settings: new Dictionary<string, string>(Settings()) { ["Outbox:ClaimLease"] = "00:00:02" },
            customization: Spying(spy, b => b.Services.AddSingleton(new ChoosyConsumer()).AddLocalConsumer<ChoosyConsumerAdapter>()));
        await OutboxHandOverTests.WaitAttachedAsync(host); // before it, commits wait for a poll, which publishes
        var stalled = Announcement(ChoosyConsumer.Stalls);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
            db.PublishAfterCommit(stalled, TimeProvider.System.GetUtcNow());
            await db.SaveChangesAsync(Cancel);
        }

        // The consumer waits until it is cancelled: after 1 s (half the lease) the relay gives up on it and publishes.
        await Eventually.MatchesAsync(() => Task.FromResult(spy.Received.Count), n => n >= 1, TimeSpan.FromSeconds(10), "the stalled message published");
        // Without the bound, the lease's own end (2 s) cancels the publication too, and the row waits for the retry delay
        // (5 s) and a poll: well over 5 s.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"published after {clock.Elapsed}");
        Assert.Equal([stalled.Reports[0].ReportId], spy.Received.Select(m => m.Reports[0].ReportId));
        await Eventually.MatchesAsync(() => AnnouncementRowsAsync(host), n => n == 0, TimeSpan.FromSeconds(10), "its row settled");
    }

    private static ReportsReceived Announcement(string system) =>
        new([new ReportReceived(Guid.NewGuid(), TimeProvider.System.GetUtcNow(), "api", "test", SampleReports.DdosAsAnnounced(system))]);

    /// <summary>The value of <paramref name="name"/>'s series for the test consumer's queue (0 when absent).</summary>
    private static double Sample(string metrics, string name) =>
        metrics.Split('\n').Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) && l.Contains("queue=\"test-choosy\"", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));

    private static HostCustomization Spying(Announcements spy, Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? more = null) => new()
    {
        ConfigureBuilder = b =>
        {
            b.Services.AddSingleton(spy);
            more?.Invoke(b);
        },
        ConfigureBus = bus => bus.AddConsumer<AnnouncementSpy>(),
    };

    private static Dictionary<string, string> Settings() => new()
    {
        ["Bootstrap:ApiKey"] = ApiKey,
        ["Outbox:SettleDelay"] = "00:00:00.200",
        ["Outbox:KeepSentInMemory"] = "00:00:00",
    };

    private static async Task<int> AnnouncementRowsAsync(TestHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        return await db.OutboxMessages.CountAsync(m => m.MessageType == typeof(ReportsReceived).FullName, Cancel);
    }
}

public sealed class Announcements
{
    public ConcurrentQueue<ReportsReceived> Received { get; } = [];
}

public sealed class AnnouncementSpy(Announcements announcements) : IConsumer<ReportsReceived>
{
    public Task Consume(ConsumeContext<ReportsReceived> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        announcements.Received.Enqueue(context.Message);
        return Task.CompletedTask;
    }
}

/// <summary>Takes every announcement but those of reports about the system <see cref="Refuses"/>, which it fails.</summary>
public sealed class ChoosyConsumer
{
    public const string Refuses = "refused";

    /// <summary>A report about this system is never finished: the consumer waits until it is cancelled.</summary>
    public const string Stalls = "stalled";

    public ConcurrentQueue<Guid> Received { get; } = [];

    public List<Guid> Taken => [.. Received];
}

public sealed class ChoosyConsumerAdapter(ChoosyConsumer choosy) : ILocalConsumer
{
    public Type MessageType => typeof(ReportsReceived);

    public string Queue => "test-choosy";

    public Task ConsumeAsync(object message, CancellationToken cancellationToken)
    {
        var report = ((ReportsReceived)message).Reports[0];
        if (report.Report.Title.EndsWith(ChoosyConsumer.Refuses, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("refused");
        }

        if (report.Report.Title.EndsWith(ChoosyConsumer.Stalls, StringComparison.Ordinal))
        {
            return Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }

        choosy.Received.Enqueue(report.ReportId);
        return Task.CompletedTask;
    }
}
