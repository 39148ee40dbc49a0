using System.Globalization;
using IncidentResponse.Access.Authorization;
using IncidentResponse.Access.Data;
using IncidentResponse.Contracts.Api.OnCall;
using IncidentResponse.ServiceDefaults.Committee;
using IncidentResponse.ServiceDefaults.Security;
using IncidentResponse.ServiceDefaults.Web;
using IncidentResponse.ServiceDefaults.Web.RateLimits;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Escalation.Schedules;

/// <summary>Who is on call for a unit, each schedule as an iCal feed, and coverage gaps ahead.</summary>
public static class OnCallEndpoints
{
    public const int MaxCalendarDays = 366;

    public static IEndpointRouteBuilder MapOnCall(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var oncall = endpoints.MapGroup("/api/v1/oncall").WithTags("On call").RequireAuthorization(AccessPolicies.Read);
        oncall.MapGet("/", WhoIsOnCall).Produces<OnCallAnswer>();
        oncall.MapGet("/gaps", GapsAhead).Produces<IReadOnlyList<GapWarning>>();
        oncall.MapGet("/holidays", Holidays).Produces<HolidaysAnswer>();
        oncall.MapGet("/{unit}/calendar.ics", Calendar).Produces<string>(contentType: "text/calendar");
        // For calendar programs, which cannot send a key: the signed token is the credential (see OnCallFeedLinks).
        endpoints.MapGet("/oncall/feed/{token}/calendar.ics", FeedAsync).AllowAnonymous().RequireRateLimiting(RateLimitPolicies.CalendarFeed).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> FeedAsync(string token, HttpContext http, LinkSigner links, AccessDbContext access, ScheduleBook book, TimeProvider time,
        CancellationToken cancellationToken, int days = 60)
    {
        var check = links.Check(OnCallFeedLinks.Purpose, token);
        if (check.Refusal == "expired")
        {
            return Problems.Status(StatusCodes.Status410Gone, "Liên kết lịch đã hết hạn / The calendar link has expired", "Lấy liên kết mới ở trang Lịch trực / get a new link on the On call page");
        }

        if (!check.Valid || OnCallFeedLinks.Parse(check.Subject) is not { } feed)
        {
            http.RequestServices.GetService<FailedCredentials>()?.Record(http); // a forged link is a guess
            return Problems.NotFound("calendar feed", "token");
        }

        var now = time.GetUtcNow();
        var user = await access.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == feed.UserId, cancellationToken);
        var role = await (from ur in access.Set<IdentityUserRole<Guid>>()
                          join r in access.Roles on ur.RoleId equals r.Id
                          where ur.UserId == feed.UserId
                          select r.Name).FirstOrDefaultAsync(cancellationToken);
        var mayRead = role is AccessRoles.Coordinator or AccessRoles.Operator or AccessRoles.Viewer
            || (role == AccessRoles.Responder && user?.Unit == feed.Unit);
        if (user is null || user.DisabledAt is not null || (user.LockoutEnd is { } until && until > now) || !mayRead)
        {
            return Problems.NotFound("calendar feed", "token"); // the account is gone, stopped, or may no longer read it
        }

        return Calendar(feed.Unit, book, time, days);
    }

    private static IResult WhoIsOnCall(ScheduleBook book, TimeProvider time, string? unit = null, DateTimeOffset? at = null)
    {
        if (string.IsNullOrWhiteSpace(unit))
        {
            return Problems.Validation("unit", "Bắt buộc: mã đơn vị / required: a unit code");
        }

        var when = at ?? time.GetUtcNow();
        var version = book.VersionAt(when);
        var schedule = book.ScheduleAt(unit, when);
        if (schedule is null)
        {
            return Results.Ok(new OnCallAnswer(unit, when, null, "no-schedule", null, version.Version,
                "Đơn vị không có lịch trực; liên hệ đầu mối trực 24/7 của đơn vị", "The unit has no on-call schedule; its 24/7 duty point is contacted"));
        }

        var decision = book.Calculator(schedule).WhoIsOnCall(when);
        return Results.Ok(decision.PersonId is null
            ? new OnCallAnswer(unit, when, null, OnCallCalculator.GapSource, schedule.Id, version.Version,
                "Không có người trực vào thời điểm này", "Nobody is on call at this time")
            : new OnCallAnswer(unit, when, decision.PersonId, decision.Source, schedule.Id, version.Version, "Người trực", "On call"));
    }

    private static IResult GapsAhead(ScheduleBook book, TimeProvider time, IOptions<EscalationOptions> options)
    {
        var now = time.GetUtcNow();
        var until = now + options.Value.GapWarningHorizon;
        var warnings = book.VersionAt(now).Schedules
            .SelectMany(s => book.Calculator(s).Gaps(now, until).Select(g => new GapWarning(s.Unit, s.Id, g.Start, g.End)))
            .OrderBy(g => g.Start)
            .ToList();
        return Results.Ok(warnings);
    }

    /// <summary>The holiday calendar's days from <paramref name="from"/> (default today in Vietnam) to <paramref name="to"/> (default 60 days on), at most 366 days.</summary>
    private static IResult Holidays(ScheduleBook book, TimeProvider time, string? from = null, string? to = null)
    {
        var today = DateOnly.FromDateTime(LocalClock.ToLocal(LocalTimes.Zone(null), time.GetUtcNow()));
        if (!TryReadDate(from, today, out var first) || first.Year is < 2000 or > 2200)
        {
            return Problems.Validation("from", "Ngày dạng 2027-01-01, từ năm 2000 đến 2200 / a date such as 2027-01-01, from 2000 to 2200");
        }

        if (!TryReadDate(to, first.AddDays(60), out var last) || last.Year > 2200)
        {
            return Problems.Validation("to", "Ngày dạng 2027-01-01, đến năm 2200 / a date such as 2027-01-01, up to 2200");
        }

        if (last < first || last.DayNumber - first.DayNumber >= MaxCalendarDays)
        {
            return Problems.Validation("to", $"Không trước from và trong vòng {MaxCalendarDays} ngày / not before from and within {MaxCalendarDays} days of it");
        }

        var calendar = book.Calendar;
        var days = calendar.Listed(first, last)
            .Select(d => new HolidayView(d.Date, d.Day.Kind, calendar.IsWorkingDay(d.Date), d.Day.NameVi, d.Day.NameEn, d.Day.Confirmed, d.Version))
            .ToList();
        return Results.Ok(new HolidaysAnswer(first, last, days, calendar.YearsWithout(first, last)));
    }

    private static bool TryReadDate(string? text, DateOnly otherwise, out DateOnly date)
    {
        date = otherwise;
        return string.IsNullOrEmpty(text)
            || DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    private static IResult Calendar(string unit, ScheduleBook book, TimeProvider time, int days = 60)
    {
        if (days is < 1 or > MaxCalendarDays)
        {
            return Problems.Validation("days", $"Từ 1 đến {MaxCalendarDays} / 1 to {MaxCalendarDays}");
        }

        var now = time.GetUtcNow();
        var schedule = book.ScheduleAt(unit, now);
        if (schedule is null)
        {
            return Problems.NotFound("schedule of unit", unit);
        }

        var from = now.AddDays(-1);
        return Results.Text(ScheduleCalendar.Render(book.Calculator(schedule), from, from.AddDays(days), person => person, time), "text/calendar; charset=utf-8");
    }
}
