using System.Text.RegularExpressions;
using IncidentResponse.Escalation.Schedules;
using static IncidentResponse.Escalation.Tests.Schedules.Build;

namespace IncidentResponse.Escalation.Tests.Schedules;

/// <summary>The schedules shipped in the repository load, validate against the shipped directory, and say who is on call.</summary>
public sealed partial class ShippedScheduleTests
{
    private static readonly ScheduleBook Book = new(Path.Combine(AppContext.BaseDirectory, "Rules"));

    [Fact]
    public void The_shipped_file_is_the_one_in_the_repository_and_validates_against_the_shipped_directory()
    {
        var (people, units) = Directory2026();
        Assert.Contains("vnpt-pham-minh-duc", people);
        Assert.Contains("bcd-bn", units);

        Book.Validate(people, units);

        Assert.Equal(["schedules-2026.1.yaml", "schedules-2026.2.yaml"], Book.Versions.Select(v => v.FileName).Order(StringComparer.Ordinal));
        foreach (var shipped in Book.Versions)
        {
            Assert.Equal(File.ReadAllText(Path.Combine(RepositoryRoot(), "services", "IncidentResponse.Escalation", "Rules", shipped.FileName)), shipped.Text);
            Assert.Equal(["vnpt-bn", "viettel-bn", "pa05-bn", "bcd-bn"], shipped.Content.Schedules.Select(s => s.Unit));
        }
    }

    [Fact]
    public void From_2026_2_the_standing_office_schedule_carries_the_committee_s_official_name()
    {
        var from = new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.FromHours(7));

        Assert.Equal("Trực thường trực Ban Chỉ đạo ứng cứu sự cố tỉnh Bắc Ninh", Book.ScheduleAt("bcd-bn", from.AddTicks(-1))!.NameVi);
        Assert.Equal("Trực thường trực Ban Chỉ đạo ứng cứu khẩn cấp sự cố an toàn thông tin mạng tỉnh Bắc Ninh", Book.ScheduleAt("bcd-bn", from)!.NameVi);
    }

    [Theory]
    [InlineData("vnpt-bn", "vnpt-bn-soc", "vnpt-pham-minh-duc")]
    [InlineData("viettel-bn", "viettel-bn-noc", "viettel-hoang-thu-ha")]
    [InlineData("pa05-bn", "pa05-bn-duty", "pa05-le-van-cuong")]
    public void Each_telecom_and_police_unit_has_its_person_on_call_around_the_clock(string unit, string scheduleId, string person)
    {
        var schedule = Book.ScheduleAt(unit, Vn(2, 1, 0));

        Assert.NotNull(schedule);
        Assert.Equal(scheduleId, schedule.Id);
        var calculator = new OnCallCalculator(schedule);
        Assert.Equal(new OnCallDecision(person, "layer:weekly"), calculator.WhoIsOnCall(Vn(2, 1, 3)));
        Assert.Empty(calculator.Gaps(Vn(1, 5, 8), Vn(1, 5, 8).AddDays(90)));
        Assert.Equal(
            [Vn(1, 5, 8), Vn(1, 12, 8), Vn(1, 19, 8)],
            calculator.FinalSchedule(Vn(1, 5, 8), Vn(1, 26, 8)).Select(s => s.Start));
    }

    [Fact]
    public void The_steering_committee_shares_nights_with_the_department_of_science_and_technology()
    {
        var calculator = new OnCallCalculator(Book.ScheduleAt("bcd-bn", Vn(1, 6, 0))!);

        Assert.Equal(
            [
                Shift("bcd-tran-thi-binh", Vn(1, 5, 8), Vn(1, 5, 18), "layer:weekly"),
                Shift("skhcn-vu-quoc-hung", Vn(1, 5, 18), Vn(1, 6, 8), "layer:night"),
                Shift("bcd-tran-thi-binh", Vn(1, 6, 8), Vn(1, 6, 18), "layer:weekly"),
                Shift("bcd-tran-thi-binh", Vn(1, 6, 18), Vn(1, 7, 8), "layer:night"),
            ],
            calculator.FinalSchedule(Vn(1, 5, 8), Vn(1, 7, 8)));
    }

    [Fact]
    public void No_schedule_is_in_force_before_the_first_version_and_units_without_one_get_null()
    {
        Assert.Throws<InvalidOperationException>(() => Book.ScheduleAt("vnpt-bn", new DateTimeOffset(2025, 12, 31, 23, 59, 59, Vietnam)));
        Assert.Equal("vnpt-bn-soc", Book.ScheduleAt("vnpt-bn", new DateTimeOffset(2026, 1, 1, 0, 0, 0, Vietnam))?.Id);
        Assert.Null(Book.ScheduleAt("vncert", Vn(2, 1, 0)));
    }

    [Fact]
    public void A_later_version_takes_over_from_its_effective_time()
    {
        var original = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Rules", "schedules-2026.1.yaml"));
        var next = original
            .Replace("version: \"2026.1\"", "version: \"2026.2\"", StringComparison.Ordinal)
            .Replace("effectiveFrom: 2026-01-01T00:00:00+07:00", "effectiveFrom: 2026-03-01T00:00:00+07:00", StringComparison.Ordinal)
            .Replace("id: vnpt-bn-soc", "id: vnpt-bn-soc-2", StringComparison.Ordinal);
        using var rules = new TempRules(("schedules-2026.1.yaml", original), ("schedules-2026.2.yaml", next));
        var book = new ScheduleBook(rules.Path);

        Assert.Equal("vnpt-bn-soc", book.ScheduleAt("vnpt-bn", new DateTimeOffset(2026, 2, 28, 23, 59, 59, Vietnam))?.Id);
        Assert.Equal("vnpt-bn-soc-2", book.ScheduleAt("vnpt-bn", new DateTimeOffset(2026, 3, 1, 0, 0, 0, Vietnam))?.Id);
    }

    /// <summary>People ids and unit codes of the shipped partner directory, read from the repository.</summary>
    internal static (HashSet<string> People, HashSet<string> Units) Directory2026()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), "services", "IncidentResponse.Notifications", "Rules", "directory-2026.1.yaml"));
        var people = text[text.IndexOf("\npeople:", StringComparison.Ordinal)..];
        var units = text[..text.IndexOf("\npeople:", StringComparison.Ordinal)];
        return ([.. PersonId().Matches(people).Select(m => m.Groups[1].Value)], [.. UnitCode().Matches(units).Select(m => m.Groups[1].Value)]);
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IncidentResponse.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no IncidentResponse.sln above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"^  - id: (\S+)$", RegexOptions.Multiline)]
    private static partial Regex PersonId();

    [GeneratedRegex(@"^  - code: (\S+)$", RegexOptions.Multiline)]
    private static partial Regex UnitCode();
}
