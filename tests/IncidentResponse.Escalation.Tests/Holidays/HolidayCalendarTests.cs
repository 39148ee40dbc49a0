using IncidentResponse.Escalation.Holidays;
using IncidentResponse.ServiceDefaults.Rules;
using IncidentResponse.Testing;

namespace IncidentResponse.Escalation.Tests.Holidays;

/// <summary>The holiday calendar: which local dates are working days, the shipped years, and every mistake in a file named.</summary>
public sealed class HolidayCalendarTests
{
    private static readonly WorkCalendar Shipped = new(Path.Combine(AppContext.BaseDirectory, "Rules"));

    private static HolidayRuleFile Parsed(string yaml, string name = "holidays-2027.yaml") => new(name, yaml, RuleFiles.Parse<HolidayFile>(yaml));

    private const string Good = """
        version: "2027.1"
        year: 2027
        days:
          - date: 2027-02-08
            kind: holiday
            nameVi: Tết
            nameEn: Lunar New Year
          - date: 2027-02-13
            kind: working
            nameVi: Làm bù
            nameEn: Worked in place of a day off
          - date: 2027-02-12
            kind: day-off
            nameVi: Nghỉ bù
            nameEn: Day off
            confirmed: false
        """;

    [Theory]
    [InlineData("2027-02-05", false)] // a Friday of Tết
    [InlineData("2027-02-06", false)] // Saturday, mùng 1
    [InlineData("2027-02-10", false)] // a Wednesday off in place of Tết's weekend days
    [InlineData("2027-02-12", true)] // the Friday after: back to work
    [InlineData("2027-02-13", false)] // an ordinary Saturday
    [InlineData("2027-05-03", false)] // Monday off in place of 1 May, a Saturday
    [InlineData("2027-05-04", true)]
    [InlineData("2026-04-27", false)] // Monday off in place of the Hùng Kings' day, a Sunday
    [InlineData("2026-12-07", true)]
    [InlineData("2099-02-02", true)] // no file for 2099: weekdays work
    [InlineData("2099-02-07", false)] // and Saturdays do not
    public void The_shipped_calendar_knows_Tet_days_off_in_place_and_weekends(string date, bool working)
    {
        Assert.Equal(working, Shipped.IsWorkingDay(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void The_shipped_years_keep_the_law_five_Tet_days_eleven_holidays_and_a_day_off_for_each_one_on_a_weekend()
    {
        Assert.Contains("holidays-2026.yaml", Shipped.Versions.Select(v => v.FileName));
        Assert.Contains("holidays-2027.yaml", Shipped.Versions.Select(v => v.FileName));
        foreach (var year in Shipped.Versions.Select(v => v.Content))
        {
            // Labour Code 2019, art. 112: 1 + 5 + 1 + 1 + 1 + 2 days at least; an announcement may give more.
            var holidays = year.Days.Where(d => d.Kind == HolidayFile.Holiday).ToList();
            Assert.True(holidays.Count >= 11, $"{year.Year}: {holidays.Count} holidays");
            Assert.True(holidays.Count(d => d.NameVi.StartsWith("Tết Nguyên đán", StringComparison.Ordinal)) >= 5, $"{year.Year}: five days of Tết");
            // A holiday on a weekend gives a day off on a working day after it (art. 112.3); swapped days may add more.
            foreach (var onWeekend in holidays.Where(d => year.IsWeekend(Date(d).DayOfWeek)))
            {
                Assert.True(
                    year.Days.Any(d => d.Kind == HolidayFile.DayOff && Date(d) > Date(onWeekend) && Date(d) <= Date(onWeekend).AddDays(10)),
                    $"{onWeekend.Date} ({onWeekend.NameEn}) falls on a weekend: a day off follows");
            }

            Assert.True(year.Days.Count(d => d.Kind == HolidayFile.DayOff) >= holidays.Count(d => year.IsWeekend(Date(d).DayOfWeek)));
            Assert.Equal(File.ReadAllText(Path.Combine(Schedules.ShippedScheduleTests.RepositoryRoot(), "services", "IncidentResponse.Escalation", "Rules", $"holidays-{year.Year}.yaml")),
                Shipped.Versions.Single(v => v.Content.Year == year.Year).Text);
        }

        Assert.Equal(new DateOnly(2027, 2, 6), Date(Shipped.Versions.Single(v => v.Content.Year == 2027).Content.Days.Single(d => d.NameVi.Contains("mùng 1", StringComparison.Ordinal))));
    }

    [Fact]
    public void Listed_days_and_years_without_a_file_are_answered_for_a_span()
    {
        var listed = Shipped.Listed(new DateOnly(2026, 12, 20), new DateOnly(2027, 2, 6));

        Assert.Equal([new DateOnly(2027, 1, 1), new DateOnly(2027, 2, 5), new DateOnly(2027, 2, 6)], listed.Select(d => d.Date));
        Assert.Equal("2027.1", listed[0].Version);
        Assert.Empty(Shipped.YearsWithout(new DateOnly(2026, 12, 20), new DateOnly(2027, 2, 6)));
        Assert.Equal([2097, 2098, 2099], Shipped.YearsWithout(new DateOnly(2097, 12, 31), new DateOnly(2099, 1, 1)));
    }

    [Fact]
    public void A_good_file_is_read_and_a_working_Saturday_works()
    {
        var calendar = new WorkCalendar([Parsed(Good)]);

        Assert.True(calendar.IsWorkingDay(new DateOnly(2027, 2, 13)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2027, 2, 12)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2027, 2, 8)));
        Assert.Equal([true, false, true], calendar.Listed(new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31)).Select(d => d.Day.Confirmed));
    }

    [Fact]
    public void A_file_s_weekend_replaces_Saturday_and_Sunday()
    {
        const string sundaysOnly = """
            version: "2027.1"
            year: 2027
            weekend: [sunday]
            """;
        var calendar = new WorkCalendar([Parsed(sundaysOnly)]);
        var worked = Assert.Throws<InvalidDataException>(() => new WorkCalendar([Parsed(Good.Replace("year: 2027", "year: 2027\nweekend: [sunday]", StringComparison.Ordinal))])).Message;

        Assert.Contains("day 2027-02-13: a working day in place of a day off (làm bù) is a weekend day; Saturday is a working day already", worked, StringComparison.Ordinal);

        Assert.Equal(["sunday"], calendar.Versions[0].Content.Weekend);
        Assert.True(calendar.IsWorkingDay(new DateOnly(2027, 1, 9))); // a Saturday
        Assert.False(calendar.IsWorkingDay(new DateOnly(2027, 1, 10)));
    }

    [Fact]
    public void Every_mistake_in_a_file_is_named_with_the_file_and_the_day()
    {
        const string bad = """
            version: "v1"
            year: 2027
            weekend: [saturday, funday]
            days:
              - date: 2026-12-31
                kind: holiday
                nameVi: Năm cũ
                nameEn: Last year
              - date: 2027-01-01
                kind: holiday
                nameVi: Tết Dương lịch
                nameEn: New Year
              - date: 2027-01-01
                kind: holiday
                nameVi: Lần hai
                nameEn: Twice
              - date: 2027-01-04
                kind: working
                nameVi: Thứ Hai
                nameEn: A Monday
              - date: 2027-01-05
                kind: vacation
                nameVi: Nghỉ
                nameEn: Off
              - date: 05/01/2027
                kind: holiday
                nameVi: Sai dạng
                nameEn: Wrong form
              - date: 2027-01-06
                kind: holiday
                nameVi: ""
                nameEn: No Vietnamese
              - date: 2027-01-09
                kind: day-off
                nameVi: Thứ Bảy
                nameEn: A Saturday
              -
            """;

        var message = Assert.Throws<InvalidDataException>(() => new WorkCalendar([Parsed(bad)])).Message;

        Assert.StartsWith("holidays-2027.yaml (holidays v1): ", message, StringComparison.Ordinal);
        Assert.Contains("version 'v1' must be the year, a dot and a number or name, such as 2027.1", message, StringComparison.Ordinal);
        Assert.Contains("weekend day 'funday' is not a day of the week", message, StringComparison.Ordinal);
        Assert.Contains("day 2026-12-31: is not in 2027", message, StringComparison.Ordinal);
        Assert.Contains("day 2027-01-01: is listed twice", message, StringComparison.Ordinal);
        Assert.Contains("day 2027-01-04: a working day in place of a day off (làm bù) is a weekend day", message, StringComparison.Ordinal);
        Assert.Contains("day 2027-01-05: kind 'vacation' is not one of holiday, day-off, working", message, StringComparison.Ordinal);
        Assert.Contains("day 05/01/2027: date must be written as 2027-01-01", message, StringComparison.Ordinal);
        Assert.Contains("day 2027-01-06: nameVi and nameEn are required", message, StringComparison.Ordinal);
        Assert.Contains("day 2027-01-09: a day off in place of another (nghỉ bù) is a working day; Saturday is off already", message, StringComparison.Ordinal);
        Assert.Contains("a day is blank", message, StringComparison.Ordinal);
        Assert.Contains("weekend and days must be lists", Assert.Throws<InvalidDataException>(() => new WorkCalendar([Parsed("version: \"2027.1\"\nyear: 2027\nweekend:\n")])).Message, StringComparison.Ordinal);
        Assert.Contains("version '2027.' must be", Assert.Throws<InvalidDataException>(() => new WorkCalendar([Parsed("version: \"2027.\"\nyear: 2027\n")])).Message, StringComparison.Ordinal);
        Assert.Contains("holidays-2026.yaml: holds the year 2027; name it holidays-2027.yaml", Assert.Throws<InvalidDataException>(() => new WorkCalendar([Parsed(Good, "holidays-2026.yaml")])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_files_for_one_year_are_refused_and_no_file_at_all_means_weekends_only()
    {
        var message = Assert.Throws<InvalidDataException>(() => new WorkCalendar([Parsed(Good), Parsed(Good.Replace("2027.1", "2027.2", StringComparison.Ordinal), "holidays-2027-b.yaml")])).Message;
        Assert.Contains("holidays of 2027 are in more than one file (holidays-2027.yaml, holidays-2027-b.yaml)", message, StringComparison.Ordinal);

        using var empty = new TempDirectory();
        var none = new WorkCalendar(empty.Path);
        Assert.Empty(none.Versions);
        Assert.True(none.IsWorkingDay(new DateOnly(2027, 2, 8)));
        Assert.False(none.IsWorkingDay(new DateOnly(2027, 2, 7)));
    }

    private static DateOnly Date(CalendarDay day) => DateOnly.ParseExact(day.Date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
