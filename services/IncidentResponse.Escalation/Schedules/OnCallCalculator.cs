using IncidentResponse.Escalation.Holidays;
using IncidentResponse.ServiceDefaults.Rules;

namespace IncidentResponse.Escalation.Schedules;

/// <summary>Who is on call, and the final schedule, for one schedule. The schedule is read once, here.</summary>
public sealed class OnCallCalculator
{
    public const string OverrideSource = "override";

    public const string GapSource = "gap";

    private readonly TimeZoneInfo zone;
    private readonly WorkCalendar calendar;
    private readonly List<Layer> layers;
    private readonly List<Override> overrides;

    /// <param name="schedule">The schedule.</param>
    /// <param name="calendar">Which days are working days, for restrictions on <c>working</c> or <c>non-working</c> days; weekends only when absent.</param>
    /// <exception cref="InvalidDataException">The schedule has problems (see <see cref="OnCallSchedule.Problems"/>).</exception>
    public OnCallCalculator(OnCallSchedule schedule, WorkCalendar? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var problems = schedule.Problems(knownPeople: null, knownUnits: null).ToList();
        if (problems.Count > 0 || !LocalClock.TryFindZone(schedule.TimeZone, out var found))
        {
            throw new InvalidDataException($"schedule {schedule.Id}: {string.Join("; ", problems)}");
        }

        Schedule = schedule;
        zone = found;
        this.calendar = calendar ?? WorkCalendar.WeekendsOnly;
        layers = schedule.Layers.Select(l => new Layer(this, l)).ToList();
        overrides = schedule.Overrides
            .Select(o => new Override(o.Person, LocalClock.ToInstant(zone, LocalClock.ParseLocal(o.From)), LocalClock.ToInstant(zone, LocalClock.ParseLocal(o.To))))
            .ToList();
    }

    public OnCallSchedule Schedule { get; }

    public TimeZoneInfo Zone => zone;

    /// <summary>Who is on call at <paramref name="at"/>, and which override or layer decided (or that nobody is).</summary>
    public OnCallDecision WhoIsOnCall(DateTimeOffset at)
    {
        var decision = Decide(at);
        return new OnCallDecision(decision.PersonId, decision.Source);
    }

    /// <summary>
    /// The final schedule: non-overlapping shifts covering [<paramref name="from"/>, <paramref name="to"/>)
    /// exactly, in order. A shift is one turn of one layer (or one override, or one gap), cut where a
    /// higher layer or an override takes over.
    /// </summary>
    public IReadOnlyList<OnCallShift> FinalSchedule(DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(to, from);
        var boundaries = new SortedSet<DateTimeOffset> { from, to };
        foreach (var layer in layers)
        {
            layer.AddBoundaries(boundaries, from, to);
        }

        foreach (var o in overrides)
        {
            AddIfInside(boundaries, o.From, from, to);
            AddIfInside(boundaries, o.To, from, to);
        }

        var shifts = new List<OnCallShift>();
        Decision? current = null;
        var currentStart = from;
        var previous = from;
        foreach (var boundary in boundaries)
        {
            if (boundary == from)
            {
                continue;
            }

            var decision = Decide(previous);
            if (current is not null && decision != current)
            {
                shifts.Add(new OnCallShift(current.PersonId, currentStart, previous, current.Source));
                currentStart = previous;
            }

            current = decision;
            previous = boundary;
        }

        if (current is not null)
        {
            shifts.Add(new OnCallShift(current.PersonId, currentStart, to, current.Source));
        }

        return shifts;
    }

    /// <summary>The intervals in [<paramref name="from"/>, <paramref name="to"/>) when nobody is on call.</summary>
    public IReadOnlyList<OnCallShift> Gaps(DateTimeOffset from, DateTimeOffset to) =>
        FinalSchedule(from, to).Where(s => s.PersonId is null).ToList();

    private Decision Decide(DateTimeOffset at)
    {
        for (var i = overrides.Count - 1; i >= 0; i--)
        {
            if (overrides[i].From <= at && at < overrides[i].To)
            {
                return new Decision(overrides[i].Person, OverrideSource, i);
            }
        }

        for (var i = layers.Count - 1; i >= 0; i--)
        {
            if (layers[i].OnCallAt(at) is { } decision)
            {
                return decision;
            }
        }

        return new Decision(null, GapSource, 0);
    }

    private static void AddIfInside(SortedSet<DateTimeOffset> boundaries, DateTimeOffset instant, DateTimeOffset from, DateTimeOffset to)
    {
        if (from < instant && instant < to)
        {
            boundaries.Add(instant);
        }
    }

    /// <summary>A restriction as read: whole days have the same start and end time (midnight).</summary>
    private sealed record Window(TimeOnly From, TimeOnly To, IReadOnlyList<string>? Days);

    /// <summary>What decides an instant; equal decisions next to each other make one shift.</summary>
    private sealed record Decision(string? PersonId, string Source, long Turn);

    private sealed record Override(string Person, DateTimeOffset From, DateTimeOffset To);

    private sealed class Layer
    {
        private readonly OnCallCalculator owner;
        private readonly string source;
        private readonly DateTime start;
        private readonly long rotationTicks;
        private readonly string[] members;
        private readonly Window[]? windows;

        public Layer(OnCallCalculator owner, ScheduleLayer layer)
        {
            this.owner = owner;
            source = "layer:" + layer.Id;
            start = LocalClock.ParseLocal(layer.Start);
            rotationTicks = Durations.Parse(layer.Rotation).Ticks;
            members = [.. layer.Members];
            windows = layer.Restrictions?.Select(w => w.WholeDay
                    ? new Window(TimeOnly.MinValue, TimeOnly.MinValue, w.Days)
                    : new Window(LocalClock.ParseTimeOfDay(w.From!), LocalClock.ParseTimeOfDay(w.To!), w.Days))
                .ToArray();
        }

        public Decision? OnCallAt(DateTimeOffset at)
        {
            var turn = TurnAt(at);
            if (turn < 0 || !InWindow(at))
            {
                return null;
            }

            return new Decision(members[turn % members.Length], source, turn);
        }

        public void AddBoundaries(SortedSet<DateTimeOffset> boundaries, DateTimeOffset from, DateTimeOffset to)
        {
            for (var turn = Math.Max(TurnAt(from) + 1, 0); ; turn++)
            {
                var handoff = Handoff(turn);
                if (handoff >= to)
                {
                    break;
                }

                AddIfInside(boundaries, handoff, from, to);
            }

            if (windows is null)
            {
                return;
            }

            var lastDay = LocalClock.ToLocal(owner.zone, to).Date.AddDays(1);
            for (var day = LocalClock.ToLocal(owner.zone, from).Date.AddDays(-1); day <= lastDay; day = day.AddDays(1))
            {
                foreach (var window in windows.Where(w => StartsOn(w, day)))
                {
                    var (windowStart, windowEnd) = Bounds(day, window);
                    AddIfInside(boundaries, windowStart, from, to);
                    AddIfInside(boundaries, windowEnd, from, to);
                }
            }
        }

        /// <summary>Handoff <paramref name="turn"/> happens at the local wall-clock time start + turn × rotation.</summary>
        private DateTimeOffset Handoff(long turn) =>
            LocalClock.ToInstant(owner.zone, start.AddTicks(checked(turn * rotationTicks)));

        /// <summary>The turn under way at <paramref name="at"/>; negative before the layer starts.</summary>
        private long TurnAt(DateTimeOffset at)
        {
            var elapsed = (LocalClock.ToLocal(owner.zone, at) - start).Ticks;
            var turn = elapsed / rotationTicks;
            if (elapsed < 0 && elapsed % rotationTicks != 0)
            {
                turn--;
            }

            // The local estimate can be one turn off around a change of offset; the instants decide.
            while (Handoff(turn) > at)
            {
                turn--;
            }

            while (Handoff(turn + 1) <= at)
            {
                turn++;
            }

            return turn;
        }

        private bool InWindow(DateTimeOffset at)
        {
            if (windows is null)
            {
                return true;
            }

            var today = LocalClock.ToLocal(owner.zone, at).Date;
            foreach (var day in (ReadOnlySpan<DateTime>)[today.AddDays(-1), today])
            {
                foreach (var window in windows.Where(w => StartsOn(w, day)))
                {
                    var (windowStart, windowEnd) = Bounds(day, window);
                    if (windowStart <= at && at < windowEnd)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>Whether <paramref name="window"/> opens on <paramref name="day"/> (a window belongs to the day it starts on).</summary>
        private bool StartsOn(Window window, DateTime day)
        {
            if (window.Days is null)
            {
                return true;
            }

            var date = DateOnly.FromDateTime(day);
            return window.Days.Any(d => d switch
            {
                DailyWindow.WorkingDays => owner.calendar.IsWorkingDay(date),
                DailyWindow.NonWorkingDays => !owner.calendar.IsWorkingDay(date),
                _ => HolidayFile.TryParseWeekday(d, out var weekday) && weekday == date.DayOfWeek,
            });
        }

        /// <summary>The instants <paramref name="window"/> opens and closes when it starts on <paramref name="day"/>; a whole day runs midnight to midnight.</summary>
        private (DateTimeOffset Start, DateTimeOffset End) Bounds(DateTime day, Window window)
        {
            var endDay = window.To <= window.From ? day.AddDays(1) : day;
            return (LocalClock.ToInstant(owner.zone, day.Add(window.From.ToTimeSpan())),
                LocalClock.ToInstant(owner.zone, endDay.Add(window.To.ToTimeSpan())));
        }
    }
}

/// <summary>Who is on call, and what decided: <c>override</c>, <c>layer:&lt;id&gt;</c> or <c>gap</c> (nobody).</summary>
public sealed record OnCallDecision(string? PersonId, string Source);

/// <summary>A stretch of the final schedule; <see cref="PersonId"/> is null for a gap in coverage.</summary>
public sealed record OnCallShift(string? PersonId, DateTimeOffset Start, DateTimeOffset End, string Source)
{
    public TimeSpan Length => End - Start;
}
