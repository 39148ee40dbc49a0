using IncidentResponse.Escalation.Schedules;
using Microsoft.Extensions.Time.Testing;
using static IncidentResponse.Escalation.Tests.Schedules.Build;

namespace IncidentResponse.Escalation.Tests.Schedules;

/// <summary>The iCal feed: one event per shift, in UTC, with stable UIDs, readable back by Ical.Net.</summary>
public sealed class CalendarTests
{
    private static readonly Dictionary<string, string> Names = new()
    {
        ["vnpt-pham-minh-duc"] = "Phạm Minh Đức",
        ["viettel-hoang-thu-ha"] = "Hoàng Thu Hà",
    };

    private static OnCallSchedule Nights()
    {
        var schedule = Schedule(Layer("night", "2026-01-05T18:00", "1d", "vnpt-pham-minh-duc", "viettel-hoang-thu-ha").Restricted("18:00", "08:00"));
        schedule.Id = "vnpt-bn-soc";
        return schedule;
    }

    private static string Render() =>
        ScheduleCalendar.Render(new OnCallCalculator(Nights()), Vn(1, 5, 12), Vn(1, 7, 12), id => Names[id], new FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)));

    [Fact]
    public void Every_shift_and_gap_is_one_event_that_parses_back()
    {
        var calendar = Ical.Net.Calendar.Load(Render());
        Assert.NotNull(calendar);

        var events = calendar.Events.OrderBy(e => e.DtStart!.AsUtc).ToList();

        Assert.Equal(ScheduleCalendar.ProductId, calendar.ProductId);
        Assert.Equal(5, events.Count);
        Assert.Equal(
            [
                "KHÔNG CÓ NGƯỜI TRỰC / NO ON-CALL",
                "Trực: Phạm Minh Đức / On call: Phạm Minh Đức",
                "KHÔNG CÓ NGƯỜI TRỰC / NO ON-CALL",
                "Trực: Hoàng Thu Hà / On call: Hoàng Thu Hà",
                "KHÔNG CÓ NGƯỜI TRỰC / NO ON-CALL",
            ],
            events.Select(e => e.Summary));
        Assert.Equal(
            [
                "vnpt-bn-soc-1767589200@incidentresponse",
                "vnpt-bn-soc-1767610800@incidentresponse",
                "vnpt-bn-soc-1767661200@incidentresponse",
                "vnpt-bn-soc-1767697200@incidentresponse",
                "vnpt-bn-soc-1767747600@incidentresponse",
            ],
            events.Select(e => e.Uid));
        Assert.Equal(new DateTime(2026, 1, 5, 11, 0, 0, DateTimeKind.Utc), events[1].DtStart!.AsUtc);
        Assert.Equal(new DateTime(2026, 1, 6, 1, 0, 0, DateTimeKind.Utc), events[1].DtEnd!.AsUtc);
        Assert.All(events, e => Assert.True(e.DtStart!.IsUtc && e.DtEnd!.IsUtc));
    }

    [Fact]
    public void The_text_is_RFC_5545_with_UTC_times_and_the_stamp_from_the_clock()
    {
        var text = Render();

        Assert.StartsWith("BEGIN:VCALENDAR\r\n", text, StringComparison.Ordinal);
        Assert.Contains("PRODID:-//IncidentResponse//On-call schedules 1.0//VI\r\n", text, StringComparison.Ordinal);
        Assert.Contains("VERSION:2.0\r\n", text, StringComparison.Ordinal);
        Assert.Contains("DTSTART:20260105T110000Z\r\n", text, StringComparison.Ordinal);
        Assert.Contains("DTEND:20260106T010000Z\r\n", text, StringComparison.Ordinal);
        Assert.Equal(5, CountOf(text, "DTSTAMP:20260102T030405Z\r\n"));
        Assert.Equal(5, CountOf(text, "BEGIN:VEVENT\r\n"));
    }

    [Fact]
    public void Rendering_the_same_window_twice_gives_the_same_UIDs()
    {
        var first = Ical.Net.Calendar.Load(Render())!.Events.Select(e => e.Uid).Order(StringComparer.Ordinal);
        var later = ScheduleCalendar.Render(new OnCallCalculator(Nights()), Vn(1, 5, 12), Vn(1, 7, 12), id => Names[id], new FakeTimeProvider(new DateTimeOffset(2026, 1, 3, 0, 0, 0, TimeSpan.Zero)));

        Assert.Equal(first, Ical.Net.Calendar.Load(later)!.Events.Select(e => e.Uid).Order(StringComparer.Ordinal));
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
