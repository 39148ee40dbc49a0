using System.Globalization;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace IncidentResponse.Escalation.Schedules;

/// <summary>The final schedule as an RFC 5545 calendar feed that duty officers subscribe to.</summary>
public static class ScheduleCalendar
{
    public const string ProductId = "-//IncidentResponse//On-call schedules 1.0//VI";

    public const string GapSummary = "KHÔNG CÓ NGƯỜI TRỰC / NO ON-CALL";

    /// <summary>
    /// One VEVENT per shift of the final schedule in [<paramref name="from"/>, <paramref name="to"/>), in UTC,
    /// with the UID <c>&lt;scheduleId&gt;-&lt;startUnix&gt;@incidentresponse</c> so a re-rendered feed updates
    /// the same events. <paramref name="personName"/> maps a person id to the name shown.
    /// </summary>
    public static string Render(OnCallCalculator calculator, DateTimeOffset from, DateTimeOffset to, Func<string, string> personName, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(calculator);
        var schedule = calculator.Schedule;
        ArgumentNullException.ThrowIfNull(personName);
        var stamp = Utc((clock ?? TimeProvider.System).GetUtcNow());
        var calendar = new Ical.Net.Calendar { ProductId = ProductId, Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", $"{schedule.NameVi} / {schedule.NameEn}");
        calendar.AddProperty("X-WR-TIMEZONE", schedule.TimeZone);
        foreach (var shift in calculator.FinalSchedule(from, to))
        {
            var name = shift.PersonId is null ? null : personName(shift.PersonId);
            calendar.Events.Add(new CalendarEvent
            {
                Uid = Uid(schedule.Id, shift.Start),
                DtStamp = stamp,
                DtStart = Utc(shift.Start),
                DtEnd = Utc(shift.End),
                Summary = name is null ? GapSummary : $"Trực: {name} / On call: {name}",
                Description = Description(schedule, shift),
                Transparency = "TRANSPARENT",
            });
        }

        return new CalendarSerializer().SerializeToString(calendar)
            ?? throw new InvalidOperationException("Ical.Net returned no calendar text");
    }

    public static string Uid(string scheduleId, DateTimeOffset shiftStart) =>
        string.Create(CultureInfo.InvariantCulture, $"{scheduleId}-{shiftStart.ToUnixTimeSeconds()}@incidentresponse");

    private static string Description(OnCallSchedule schedule, OnCallShift shift)
    {
        var source = shift.Source switch
        {
            OnCallCalculator.OverrideSource => "thay ca / override",
            OnCallCalculator.GapSource => "không ai được phân công / nobody is scheduled",
            _ => $"lớp / layer {shift.Source["layer:".Length..]}",
        };
        return $"{schedule.NameVi} / {schedule.NameEn} ({schedule.Unit}): {source}";
    }

    private static CalDateTime Utc(DateTimeOffset at) => new(at.UtcDateTime, CalDateTime.UtcTzId);
}
