using IncidentResponse.Escalation.Schedules;
using static IncidentResponse.Escalation.Tests.Schedules.Build;

namespace IncidentResponse.Escalation.Tests.Schedules;

/// <summary>Every mistake in a schedules file is named, with the version and the schedule, layer or override.</summary>
public sealed class ValidationTests
{
    private static readonly HashSet<string> People = ["an", "binh"];
    private static readonly HashSet<string> Units = ["vnpt-bn", "bcd-bn"];

    private static ScheduleFile File(params OnCallSchedule[] schedules) => new()
    {
        Version = "t1",
        EffectiveFrom = "2026-01-01T00:00:00+07:00",
        Schedules = [.. schedules],
    };

    private static string Problems(ScheduleFile file) =>
        Assert.Throws<InvalidDataException>(() => file.Validate(People, Units)).Message;

    [Fact]
    public void A_good_file_passes()
    {
        File(Schedule(Layer("weekly", "2026-01-05T08:00", "7d", "an", "binh"))).Validate(People, Units);
    }

    [Fact]
    public void Unknown_people_and_units_are_named()
    {
        var schedule = Schedule(Layer("weekly", "2026-01-05T08:00", "7d", "an", "ghost")).With("phantom", "2026-01-06T08:00", "2026-01-06T09:00");
        schedule.Unit = "nowhere-bn";

        var message = Problems(File(schedule));

        Assert.StartsWith("schedules t1: ", message, StringComparison.Ordinal);
        Assert.Contains("schedule test: unit nowhere-bn is not in the directory", message, StringComparison.Ordinal);
        Assert.Contains("schedule test: layer weekly: unknown person ghost", message, StringComparison.Ordinal);
        Assert.Contains("schedule test: override 1 (phantom 2026-01-06T08:00–2026-01-06T09:00): unknown person phantom", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0d", "rotation '0d' must be longer than zero")]
    [InlineData("PT0H", "rotation 'PT0H' must be longer than zero")]
    [InlineData("-7d", "rotation '-7d' is not a duration")]
    [InlineData("weekly", "rotation 'weekly' is not a duration")]
    public void Zero_negative_and_unreadable_rotations_are_refused(string rotation, string expected)
    {
        var message = Problems(File(Schedule(Layer("weekly", "2026-01-05T08:00", rotation, "an"))));

        Assert.Contains($"schedule test: layer weekly: {expected}", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_members_unknown_zones_bad_starts_and_backwards_overrides_are_named()
    {
        var schedule = Schedule(
                Layer("empty", "2026-01-05T08:00", "7d"),
                Layer("late", "2026-01-05 8h", "1d", "an").Restricted("18:00", "18:00"))
            .With("an", "2026-01-08T08:00", "2026-01-08T08:00");
        schedule.TimeZone = "Asia/Bac_Ninh";

        var message = Problems(File(schedule));

        Assert.Contains("layer empty: members is empty", message, StringComparison.Ordinal);
        Assert.Contains("time zone 'Asia/Bac_Ninh' is not a known IANA time zone", message, StringComparison.Ordinal);
        Assert.Contains("layer late: start '2026-01-05 8h' is not a local date-time", message, StringComparison.Ordinal);
        Assert.Contains("layer late: restriction 18:00–18:00: from and to are the same", message, StringComparison.Ordinal);
        Assert.Contains("override 1 (an 2026-01-08T08:00–2026-01-08T08:00): to must be after from", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_schedule_and_layer_ids_and_a_unit_with_two_schedules_are_named()
    {
        var first = Schedule(Layer("weekly", "2026-01-05T08:00", "7d", "an"), Layer("weekly", "2026-01-05T08:00", "1d", "binh"));
        var second = Schedule(Layer("weekly", "2026-01-05T08:00", "7d", "an"));

        var message = Problems(File(first, second));

        Assert.Contains("schedule test: layer id 'weekly' is missing or listed twice", message, StringComparison.Ordinal);
        Assert.Contains("schedule id 'test' is missing or listed twice", message, StringComparison.Ordinal);
        Assert.Contains("unit vnpt-bn already has a schedule in this version", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_effective_time_without_offset_is_refused()
    {
        var file = File(Schedule(Layer("weekly", "2026-01-05T08:00", "7d", "an")));
        file.EffectiveFrom = "2026-01-01T00:00:00";

        Assert.Contains("effectiveFrom '2026-01-01T00:00:00' is not a date and time with offset", Problems(file), StringComparison.Ordinal);
    }

    [Fact]
    public void A_calculator_refuses_a_schedule_with_problems()
    {
        var error = Assert.Throws<InvalidDataException>(() => new OnCallCalculator(Schedule(Layer("weekly", "2026-01-05T08:00", "0d", "an"))));

        Assert.Equal("schedule test: layer weekly: rotation '0d' must be longer than zero", error.Message);
    }

    [Fact]
    public void A_book_names_the_file_of_an_unknown_key_and_refuses_a_version_in_two_files()
    {
        using var typo = new TempRules(("schedules-t1.yaml", Yaml("t1", "rotation: 7d").Replace("rotation:", "rotaton:", StringComparison.Ordinal)));
        var unknownKey = Assert.Throws<InvalidDataException>(() => new ScheduleBook(typo.Path));
        Assert.Contains("schedules-t1.yaml line", unknownKey.Message, StringComparison.Ordinal);
        Assert.Contains("rotaton", unknownKey.Message, StringComparison.Ordinal);

        using var twice = new TempRules(("schedules-t1.yaml", Yaml("t1", "rotation: 7d")), ("schedules-t1-copy.yaml", Yaml("t1", "rotation: 1d")));
        var duplicate = Assert.Throws<InvalidDataException>(() => new ScheduleBook(twice.Path));
        Assert.Equal("schedules version t1 is in more than one file (schedules-t1-copy.yaml, schedules-t1.yaml)", duplicate.Message);
    }

    [Fact]
    public void A_book_validates_against_the_directory_naming_file_and_version()
    {
        using var rules = new TempRules(("schedules-t1.yaml", Yaml("t1", "rotation: 7d")));
        var book = new ScheduleBook(rules.Path);

        var error = Assert.Throws<InvalidDataException>(() => book.Validate(new HashSet<string> { "binh" }, Units));

        Assert.Equal("schedules-t1.yaml (schedules t1): schedule s: layer weekly: unknown person an", error.Message);
    }

    private static string Yaml(string version, string rotation) => $"""
        version: "{version}"
        effectiveFrom: 2026-01-01T00:00:00+07:00
        schedules:
          - id: s
            unit: vnpt-bn
            nameVi: Thử
            nameEn: Test
            layers:
              - id: weekly
                start: 2026-01-05T08:00
                {rotation}
                members: [an]
        """;
}

/// <summary>A throw-away rules directory.</summary>
internal sealed class TempRules : IDisposable
{
    public TempRules(params (string Name, string Text)[] files)
    {
        Path = Directory.CreateTempSubdirectory("schedules-").FullName;
        foreach (var (name, text) in files)
        {
            System.IO.File.WriteAllText(System.IO.Path.Combine(Path, name), text);
        }
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
