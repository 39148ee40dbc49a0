using IncidentResponse.Escalation.Schedules;

namespace IncidentResponse.Escalation.Tests.Schedules;

/// <summary>Schedules written in code, and instants in the schedules' zones.</summary>
internal static class Build
{
    public static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    public static OnCallSchedule Schedule(params ScheduleLayer[] layers) => new()
    {
        Id = "test",
        Unit = "vnpt-bn",
        NameVi = "Lịch thử",
        NameEn = "Test schedule",
        Layers = [.. layers],
    };

    public static ScheduleLayer Layer(string id, string start, string rotation, params string[] members) => new()
    {
        Id = id,
        Start = start,
        Rotation = rotation,
        Members = [.. members],
    };

    public static ScheduleLayer Restricted(this ScheduleLayer layer, string from, string to)
    {
        layer.Restrictions = [new DailyWindow { From = from, To = to }];
        return layer;
    }

    /// <summary>One restriction: on <paramref name="days"/> (null: every day), from and to (both null: the whole day).</summary>
    public static ScheduleLayer On(this ScheduleLayer layer, string[]? days, string? from, string? to)
    {
        layer.Restrictions = [new DailyWindow { Days = days is null ? null : [.. days], From = from, To = to }];
        return layer;
    }

    public static OnCallSchedule With(this OnCallSchedule schedule, string person, string from, string to)
    {
        schedule.Overrides.Add(new ScheduleOverride { Person = person, From = from, To = to });
        return schedule;
    }

    /// <summary>A time in Việt Nam (UTC+7, no daylight saving).</summary>
    public static DateTimeOffset Vn(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, Vietnam);

    public static OnCallShift Shift(string? person, DateTimeOffset start, DateTimeOffset end, string source) => new(person, start, end, source);
}
