using IncidentResponse.Notifications.Analytics;

namespace IncidentResponse.Notifications.Tests.Analytics;

/// <summary>The period and CSV rules of the analytics, without a database.</summary>
public sealed class AnalyticsInputTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("hôm qua", null, "from")]
    [InlineData(null, "2026-13-01", "to")]
    [InlineData("2026-12-02T00:00:00Z", "2026-12-01T00:00:00Z", "to")]
    [InlineData("2026-12-01T00:00:00Z", "2026-12-01T00:00:00Z", "to")]
    [InlineData("2020-01-01T00:00:00Z", "2026-12-01T00:00:00Z", "to")]
    public void A_bad_period_names_the_field_at_fault(string? from, string? to, string field)
    {
        var (period, at, error) = AnalyticsPeriod.Parse(from, to, Now);

        Assert.Null(period);
        Assert.Equal(field, at);
        Assert.Contains(" / ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_period_the_last_thirty_days_up_to_now_are_read_and_offsets_become_UTC()
    {
        var (whole, _, _) = AnalyticsPeriod.Parse(null, null, Now);
        var (local, _, _) = AnalyticsPeriod.Parse("2026-11-01T00:00:00+07:00", "2026-11-02", Now);

        Assert.Equal(new AnalyticsPeriod(Now.AddDays(-30), Now), whole);
        Assert.Equal(new DateTimeOffset(2026, 10, 31, 17, 0, 0, TimeSpan.Zero), local!.From);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero), local.To);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+84 912", "'+84 912")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("Sở TT&TT, Bắc Ninh", "\"Sở TT&TT, Bắc Ninh\"")]
    [InlineData("vnpt-bn", "vnpt-bn")]
    public void A_CSV_cell_never_starts_a_formula_and_is_quoted_when_it_must_be(string text, string written) =>
        Assert.Equal(written, AnalyticsCsv.Cell(text));

    [Fact]
    public void Numbers_are_written_in_the_invariant_culture_and_a_missing_mean_is_empty()
    {
        Assert.Equal("420.5", AnalyticsCsv.Cell(420.5));
        Assert.Equal("12", AnalyticsCsv.Cell(12L));
        Assert.Equal("", AnalyticsCsv.Cell(null));
    }
}
