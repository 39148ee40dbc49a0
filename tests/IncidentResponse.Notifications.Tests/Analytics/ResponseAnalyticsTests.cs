using System.Text;
using IncidentResponse.Contracts.Api.Analytics;
using IncidentResponse.Notifications.Analytics;
using IncidentResponse.Notifications.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace IncidentResponse.Notifications.Tests.Analytics;

/// <summary>
/// Response analytics on a real, migrated database, with every time known (<see cref="AnalyticsSeed"/>), so each figure is
/// checked to the second; once on SQLite and once on PostgreSQL, whose SQL differs.
/// </summary>
public abstract class ResponseAnalyticsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly AnalyticsPeriod Month = new(AnalyticsSeed.From, AnalyticsSeed.To);

    protected abstract Task<EngagementWorld> WorldAsync();

    private static async Task<EngagementWorld> SeededAsync(Task<EngagementWorld> starting)
    {
        var world = await starting;
        await world.WithDbAsync(AnalyticsSeed.SeedAsync);
        return world;
    }

    private static Task<IReadOnlyList<UnitFigures>> UnitsAsync(EngagementWorld world, string? unit = null) =>
        world.WithDbAsync(db => new UnitAnalytics(db, new FakeTimeProvider(AnalyticsSeed.Now)).ForAsync(Month, unit, Cancel));

    [Fact]
    public async Task Each_unit_gets_its_mean_times_to_acknowledge_and_resolve_to_the_second()
    {
        await using var world = await SeededAsync(WorldAsync());

        var units = await UnitsAsync(world);

        Assert.Equal(["viettel-bn", "vnpt-bn"], units.Select(u => u.Unit));
        var vnpt = units.Single(u => u.Unit == "vnpt-bn");
        Assert.Equal((2, 2, 360.0, 1, 3600.0), (vnpt.Engagements, vnpt.Acknowledged, vnpt.MttaSeconds, vnpt.Resolved, vnpt.MttrSeconds));
        Assert.Equal(1.0, vnpt.PagesBeforeAck);
        Assert.Equal((0, (double?)null, 0), (vnpt.Declines, vnpt.DeclineDelaySeconds, vnpt.HandOffs));
        Assert.NotEqual(vnpt.Unit, vnpt.UnitName);
    }

    [Fact]
    public async Task Medians_and_90th_percentiles_are_not_pulled_by_one_slow_engagement_as_the_mean_is()
    {
        await using var world = await SeededAsync(WorldAsync());
        await world.WithDbAsync(AnalyticsSeed.SeedSpreadAsync);

        var units = await UnitsAsync(world);

        var pa05 = units.Single(u => u.Unit == "pa05-bn");
        Assert.Equal((4, 3, 3), (pa05.Engagements, pa05.Acknowledged, pa05.Resolved));
        // Acknowledged in 60, 120 and 3,600 s: mean 1,260, median 120, 90th percentile 120 + 0.8 × 3,480.
        Assert.Equal((1260.0, 120.0, 2904.0), (pa05.MttaSeconds, pa05.AckMedianSeconds, pa05.AckP90Seconds));
        // Resolved in 600, 1,200 and 7,200 s (the incident closed at 120 min, before the unit's own 180): the declined one does not count.
        Assert.Equal((3000.0, 1200.0, 6000.0), (pa05.MttrSeconds, pa05.ResolveMedianSeconds, pa05.ResolveP90Seconds));
        var vnpt = units.Single(u => u.Unit == "vnpt-bn"); // two times: the median is their mean
        Assert.Equal((360.0, 408.0, 3600.0, 3600.0), (vnpt.AckMedianSeconds, vnpt.AckP90Seconds, vnpt.ResolveMedianSeconds, vnpt.ResolveP90Seconds));
        var viettel = units.Single(u => u.Unit == "viettel-bn"); // declined only
        Assert.Equal(((double?)null, (double?)null, (double?)null), (viettel.AckMedianSeconds, viettel.AckP90Seconds, viettel.ResolveMedianSeconds));
        Assert.Equal(2904.0, Assert.Single(await UnitsAsync(world, "pa05-bn")).AckP90Seconds); // the unit asked for alone: the same
    }

    [Fact]
    public async Task A_decline_counts_with_its_delay_and_hand_off_and_has_no_time_to_resolve()
    {
        await using var world = await SeededAsync(WorldAsync());

        var viettel = (await UnitsAsync(world)).Single(u => u.Unit == "viettel-bn");

        Assert.Equal((1, 0, (double?)null), (viettel.Engagements, viettel.Acknowledged, viettel.MttaSeconds));
        Assert.Equal((1, 600.0, 1), (viettel.Declines, viettel.DeclineDelaySeconds, viettel.HandOffs));
        Assert.Equal((0, (double?)null), (viettel.Resolved, viettel.MttrSeconds));
    }

    [Fact]
    public async Task Duties_of_the_units_incidents_count_on_time_late_missed_and_pending_and_waived_ones_not_at_all()
    {
        await using var world = await SeededAsync(WorldAsync());

        var units = await UnitsAsync(world);

        var vnpt = units.Single(u => u.Unit == "vnpt-bn");
        var viettel = units.Single(u => u.Unit == "viettel-bn");
        Assert.Equal((1, 1, 1, 1), (vnpt.DutiesOnTime, vnpt.DutiesLate, vnpt.DutiesMissed, vnpt.DutiesPending));
        Assert.Equal((1, 1, 0, 0), (viettel.DutiesOnTime, viettel.DutiesLate, viettel.DutiesMissed, viettel.DutiesPending));
    }

    [Fact]
    public async Task Failed_delivery_attempts_count_by_channel_for_the_unit_and_overall()
    {
        await using var world = await SeededAsync(WorldAsync());

        var vnpt = (await UnitsAsync(world)).Single(u => u.Unit == "vnpt-bn");
        var channels = await world.WithDbAsync(db => new DeliveryAnalytics(db).ForAsync(Month, null, Cancel));

        Assert.Equal(new Dictionary<string, long> { ["email"] = 1, ["sms"] = 1 }, vnpt.DeliveryFailures);
        Assert.Equal([new ChannelFigures("email", 2, 1, 1, 0, 0.5), new ChannelFigures("sms", 1, 0, 0, 1, 1.0)], channels);
        Assert.Empty(await world.WithDbAsync(db => new DeliveryAnalytics(db).ForAsync(Month, "viettel-bn", Cancel)));
    }

    [Theory]
    [InlineData("day", "2026-11-02,2026-11-03")]
    [InlineData("week", "2026-W45")]
    [InlineData("month", "2026-11")]
    public async Task Incidents_are_counted_per_local_period_by_class_severity_and_serious_flag_without_drills(string bucket, string periods)
    {
        await using var world = await SeededAsync(WorldAsync());

        var groups = await world.WithDbAsync(db => new IncidentSeries(db).GroupsAsync(Month, bucket, null, Cancel));
        var folded = IncidentSeries.Fold(groups);

        Assert.Equal(periods.Split(','), folded.Select(p => p.Period));
        Assert.Equal(2, folded.Sum(p => p.Incidents));
        Assert.Equal(1, folded.Sum(p => p.Serious));
        Assert.Equal(1, folded.Sum(p => p.ByClass.GetValueOrDefault("availability")));
        Assert.Equal(1, folded.Sum(p => p.BySeverity.GetValueOrDefault("4")));
        Assert.Equal(1, folded.Sum(p => p.BySeverity.GetValueOrDefault("2")));
    }

    [Fact]
    public async Task A_unit_asked_for_sees_only_its_own_figures_and_incidents()
    {
        await using var world = await SeededAsync(WorldAsync());

        var units = await UnitsAsync(world, "viettel-bn");
        var incidents = await world.WithDbAsync(db => new IncidentSeries(db).GroupsAsync(Month, "month", "viettel-bn", Cancel));

        Assert.Equal(["viettel-bn"], units.Select(u => u.Unit));
        Assert.Equal(1, incidents.Sum(g => g.Incidents));
        Assert.Equal("availability:ddos", Assert.Single(incidents).Classification);
    }

    [Fact]
    public async Task The_units_CSV_reads_back_with_a_byte_order_mark_bilingual_headers_and_the_figures()
    {
        await using var world = await SeededAsync(WorldAsync());

        var bytes = AnalyticsCsv.Units(await UnitsAsync(world));

        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        Assert.Equal("Mã đơn vị / Unit", header[0]);
        Assert.Contains("Thời gian xác nhận TB (giây) / MTTA (s)", header);
        var vnpt = lines.Single(l => l.StartsWith("vnpt-bn,", StringComparison.Ordinal)).Split(',');
        Assert.Equal("360", vnpt[Array.IndexOf(header, "Thời gian xác nhận TB (giây) / MTTA (s)")]);
        Assert.Equal("3600", vnpt[Array.IndexOf(header, "Thời gian xử lý TB (giây) / MTTR (s)")]);
        Assert.Equal("408", vnpt[Array.IndexOf(header, "Phân vị 90 thời gian xác nhận (giây) / 90th percentile time to acknowledge (s)")]);
        Assert.Equal("360", vnpt[Array.IndexOf(header, "Trung vị thời gian xác nhận (giây) / Median time to acknowledge (s)")]);
    }
}

public sealed class SqliteResponseAnalyticsTests : ResponseAnalyticsTests
{
    protected override Task<EngagementWorld> WorldAsync() => EngagementWorld.SqliteAsync();
}

public sealed class PostgresResponseAnalyticsTests(InfrastructureFixture infrastructure) : ResponseAnalyticsTests, IClassFixture<InfrastructureFixture>
{
    protected override async Task<EngagementWorld> WorldAsync() =>
        await EngagementWorld.PostgresAsync(await infrastructure.CreateDatabaseAsync("analytics_" + Guid.NewGuid().ToString("N")[..12]));
}
