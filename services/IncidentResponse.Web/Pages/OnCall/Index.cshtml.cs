using System.Globalization;
using System.Net;
using System.Security.Claims;
using IncidentResponse.Access.Authorization;
using IncidentResponse.Contracts.Api.Directory;
using IncidentResponse.Contracts.Api.OnCall;
using IncidentResponse.ServiceDefaults.Security;
using IncidentResponse.ServiceDefaults.Web;
using IncidentResponse.Web.Console;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;

namespace IncidentResponse.Web.Pages.OnCall;

/// <summary>
/// <c>/oncall</c>: who is on call now in each unit (<c>/api/v1/oncall</c>), the signed-in person's
/// own shifts in the next two weeks (when the account is linked to a directory person id), and a
/// personal calendar feed address per unit, and the holidays ahead (<c>/api/v1/oncall/holidays</c>).
/// </summary>
public sealed class IndexModel(ConsoleApi api, LinkSigner links, IConfiguration configuration, IServer server) : ConsolePageModel
{
    public const int ShiftDays = 14;

    public sealed record UnitOnCall(UnitView Unit, OnCallAnswer? Answer, string? PersonName, string? FeedUrl);

    public sealed record Shift(string Unit, DateTimeOffset Start, DateTimeOffset End);

    public IReadOnlyList<UnitOnCall> Units { get; private set; } = [];

    public IReadOnlyList<Shift> MyShifts { get; private set; } = [];

    public string? PersonId { get; private set; }

    /// <summary>The holiday calendar's days in the next <see cref="HolidayDays"/> days; null when it could not be read.</summary>
    public HolidaysAnswer? Holidays { get; private set; }

    public const int HolidayDays = 60;

    /// <summary>The span the holidays were read for, as the API's query (<c>from=…&amp;to=…</c>).</summary>
    public string? HolidaySpan => Holidays is null ? null
        : string.Create(CultureInfo.InvariantCulture, $"from={Holidays.From:yyyy-MM-dd}&to={Holidays.To:yyyy-MM-dd}");

    public static string Day(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string IsoDay(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A responder's own unit's feed (responders do not read the committee's on-call views).</summary>
    public string? OwnFeedUrl { get; private set; }

    public bool CommitteeView { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        PersonId = User.FindFirstValue(AccessClaims.Person);
        var unitsAnswer = await api.GetAsync<PageOf<UnitView>>("api/v1/units", cancellationToken);
        if (unitsAnswer.Status == HttpStatusCode.Forbidden)
        {
            OwnFeedUrl = User.FindFirstValue(AccessClaims.Unit) is { } own ? FeedUrl(own) : null;
            return Page();
        }

        if (!unitsAnswer.Ok)
        {
            return StatusCode((int)unitsAnswer.Status);
        }

        CommitteeView = true;
        var people = await api.GetAsync<PageOf<PersonView>>("api/v1/people", cancellationToken);
        var names = (people.Value?.Items ?? []).GroupBy(p => p.Id).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        var rows = new List<UnitOnCall>();
        var shifts = new List<Shift>();
        foreach (var unit in unitsAnswer.Value!.Items.Where(u => u.Active))
        {
            var answer = await api.GetAsync<OnCallAnswer>($"api/v1/oncall?unit={Uri.EscapeDataString(unit.Code)}", cancellationToken);
            var who = answer.Value?.PersonId;
            var hasSchedule = answer.Value?.ScheduleId is not null;
            rows.Add(new UnitOnCall(unit, answer.Value, who is null ? null : names.GetValueOrDefault(who, who), hasSchedule ? FeedUrl(unit.Code) : null));
            if (hasSchedule && PersonId is not null)
            {
                shifts.AddRange(await ShiftsOfAsync(unit.Code, PersonId, cancellationToken));
            }
        }

        Units = rows;
        MyShifts = shifts.OrderBy(s => s.Start).ToList();
        Holidays = (await api.GetAsync<HolidaysAnswer>("api/v1/oncall/holidays", cancellationToken)).Value;
        return Page();
    }

    private static readonly string[] WeekdaysVi = ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];

    /// <summary>The day of the week in Vietnamese: <c>Thứ Bảy</c>, <c>Chủ nhật</c>.</summary>
    public static string WeekdayVi(DateOnly date) => WeekdaysVi[(int)date.DayOfWeek];

    private string? FeedUrl(string unit)
    {
        if (!Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var me) || OnCallFeedLinks.Subject(unit, me) is not { } subject)
        {
            return null;
        }

        var token = links.Sign(OnCallFeedLinks.Purpose, subject, OnCallFeedLinks.Lifetime);
        // From the configured public address, never the request's Host header (which the client chooses).
        var site = PublicAddress.Resolve(configuration, server.Features.Get<IServerAddressesFeature>()?.Addresses) ?? PublicAddress.Default;
        return new Uri(site, OnCallFeedLinks.Path(token).TrimStart('/')).ToString();
    }

    private async Task<IEnumerable<Shift>> ShiftsOfAsync(string unit, string personId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"api/v1/oncall/{Uri.EscapeDataString(unit)}/calendar.ics?days={ShiftDays}", UriKind.Relative));
        using var response = await api.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return [];
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return CalendarShifts.Of(text, personId).Select(s => new Shift(unit, s.Start, s.End)).ToList();
    }
}

/// <summary>Reads the shifts of one person out of an on-call feed (whose events say <c>On call: &lt;person&gt;</c>).</summary>
internal static class CalendarShifts
{
    public static IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> Of(string ics, string personId)
    {
        var unfolded = ics.Replace("\r\n ", string.Empty, StringComparison.Ordinal).Replace("\n ", string.Empty, StringComparison.Ordinal);
        foreach (var block in unfolded.Split("BEGIN:VEVENT").Skip(1))
        {
            string? start = null, end = null, summary = null;
            foreach (var line in block.Split('\n'))
            {
                var clean = line.TrimEnd('\r');
                if (clean.StartsWith("DTSTART", StringComparison.Ordinal))
                {
                    start = clean[(clean.IndexOf(':', StringComparison.Ordinal) + 1)..];
                }
                else if (clean.StartsWith("DTEND", StringComparison.Ordinal))
                {
                    end = clean[(clean.IndexOf(':', StringComparison.Ordinal) + 1)..];
                }
                else if (clean.StartsWith("SUMMARY:", StringComparison.Ordinal))
                {
                    summary = clean["SUMMARY:".Length..];
                }
            }

            if (summary is not null && summary.EndsWith("On call: " + personId, StringComparison.Ordinal) && Instant(start) is { } s && Instant(end) is { } e)
            {
                yield return (s, e);
            }
        }
    }

    private static DateTimeOffset? Instant(string? value) =>
        DateTimeOffset.TryParseExact(value, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
}
