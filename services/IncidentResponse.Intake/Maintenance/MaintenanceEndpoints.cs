using System.Text.Json;
using IncidentResponse.Access.Authorization;
using IncidentResponse.Access.Data;
using IncidentResponse.Access.People;
using IncidentResponse.Contracts.Api.Maintenance;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Intake.Data;
using IncidentResponse.Intake.Reports;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Intake.Maintenance;

/// <summary>
/// Coordinators declare and end maintenance windows (audited); the committee's staff list them. A window holds new alerts
/// of one integration; legal duties, people's reports and incidents already open are never held.
/// </summary>
public static class MaintenanceEndpoints
{
    /// <summary>How far in the past a window may say it starts (a client's clock a little behind ours).</summary>
    public static readonly TimeSpan StartLeeway = TimeSpan.FromMinutes(5);

    /// <summary>How far ahead a window may be planned.</summary>
    public static readonly TimeSpan PlannedAhead = TimeSpan.FromDays(366);

    public static IEndpointRouteBuilder MapMaintenanceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var windows = endpoints.MapGroup("/api/v1/maintenance-windows").WithTags("Machine intake");
        windows.MapGet("/", ListAsync).RequireAuthorization(AccessPolicies.Read).Produces<List<MaintenanceWindowView>>();
        windows.MapPost("/", CreateAsync).RequireAuthorization(AccessPolicies.Administer)
            .Produces<MaintenanceWindowView>(StatusCodes.Status201Created).ProducesValidationProblem();
        windows.MapPost("/{id:guid}/end", EndAsync).RequireAuthorization(AccessPolicies.Administer)
            .Produces<MaintenanceWindowView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return endpoints;
    }

    private static async Task<IResult> ListAsync(IntakeDbContext db, AccessDbContext access, TimeProvider time, CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow().AddDays(-30);
        var windows = await db.MaintenanceWindows.AsNoTracking()
            .Where(w => w.SeriesEndsAt > since)
            .OrderByDescending(w => w.StartsAt)
            .Take(MaintenanceWindowView.MaxListed)
            .ToListAsync(cancellationToken);
        return Results.Ok(await ViewsAsync(windows, db, access, time, cancellationToken));
    }

    private static async Task<IResult> CreateAsync(HttpContext http, IntakeDbContext db, AccessDbContext access, TimeProvider time, IOptions<MaintenanceOptions> options)
    {
        var read = await http.Request.ReadJsonAsync<NewMaintenanceWindow>();
        if (read.Problem is not null)
        {
            return read.Problem;
        }

        var request = read.Value!;
        var now = time.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        // A revoked key sends nothing more: a window for it would hold nothing.
        if (request.IntegrationId is not { } integrationId
            || !await access.Integrations.AnyAsync(i => i.Id == integrationId && access.ApiKeys.Any(k => k.Id == i.Id && k.RevokedAt == null), http.RequestAborted))
        {
            errors["integrationId"] = ["Một tích hợp đang dùng / an integration whose key is in use"];
        }

        // Absent or blank: now.
        var startsAt = now;
        var startsKnown = string.IsNullOrWhiteSpace(request.StartsAt) || ReportValidation.TryParseInstant(request.StartsAt, out startsAt);
        if (!startsKnown)
        {
            errors["startsAt"] = [ReportValidation.InstantFormat];
        }
        else if (startsAt < now - StartLeeway || startsAt > now + PlannedAhead)
        {
            errors["startsAt"] = ["Từ bây giờ đến một năm tới / from now to a year ahead"];
        }

        var longest = options.Value.MaxDuration;
        var endsAt = default(DateTimeOffset);
        if (string.IsNullOrWhiteSpace(request.EndsAt))
        {
            errors["endsAt"] = ["Bắt buộc: khi nào kết thúc / required: when it ends"];
        }
        else if (!ReportValidation.TryParseInstant(request.EndsAt, out endsAt))
        {
            errors["endsAt"] = [ReportValidation.InstantFormat];
        }
        else if (endsAt <= now || (startsKnown && (endsAt <= startsAt || endsAt - startsAt > longest)))
        {
            errors["endsAt"] = [$"Sau lúc bắt đầu và sau bây giờ, dài tối đa {longest.TotalHours:0.#} giờ / after the start and after now, at most {longest.TotalHours:0.#} hours long"];
        }

        DateTimeOffset? seriesEndsAt = null;
        var recurrence = string.IsNullOrWhiteSpace(request.Recurrence) ? null : MaintenanceRecurrence.Normalize(request.Recurrence);
        if (recurrence is not null)
        {
            if (recurrence.Length > MaintenanceRecurrence.MaxLength || recurrence.Any(char.IsControl))
            {
                errors["recurrence"] = [$"Tối đa {MaintenanceRecurrence.MaxLength} ký tự, một dòng / at most {MaintenanceRecurrence.MaxLength} characters, one line"];
            }
            else if (!errors.ContainsKey("startsAt") && !errors.ContainsKey("endsAt"))
            {
                var (end, error) = MaintenanceRecurrence.SeriesEnd(recurrence, startsAt, endsAt);
                if (error is not null)
                {
                    errors["recurrence"] = [error];
                }

                seriesEndsAt = end;
            }
        }

        // Normalised first: the column's length is that of the text stored.
        var reason = request.Reason?.Trim().Normalize(System.Text.NormalizationForm.FormC);
        if (string.IsNullOrEmpty(reason) || reason.Length > MaintenanceWindow.MaxReason || reason.Any(char.IsControl))
        {
            errors["reason"] = [$"Bắt buộc, tối đa {MaintenanceWindow.MaxReason} ký tự, một dòng / required, at most {MaintenanceWindow.MaxReason} characters, one line"];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var window = new MaintenanceWindow
        {
            Id = RowIds.Next(),
            IntegrationId = request.IntegrationId!.Value,
            StartsAt = StoredPrecision.Of(startsAt),
            EndsAt = StoredPrecision.Of(endsAt),
            Recurrence = recurrence,
            SeriesEndsAt = StoredPrecision.Of(seriesEndsAt ?? endsAt),
            Reason = reason!,
            CreatedBy = Email.HeaderValue.Cut(http.User.ActorId(), 200),
            CreatedByName = Email.HeaderValue.Cut(http.User.ActorName(), 200),
            CreatedAt = now,
        };
        db.MaintenanceWindows.Add(window);
        await db.SaveChangesAsync(CancellationToken.None); // a begun write finishes, as for reports
        access.Record(http.User, time, "maintenance.created", Subject(window.Id), null, JsonSerializer.Serialize(new
        {
            integrationId = window.IntegrationId, startsAt = window.StartsAt, endsAt = window.EndsAt, recurrence = window.Recurrence,
            seriesEndsAt = window.SeriesEndsAt, reason = window.Reason,
        }));
        await access.SaveChangesAsync(CancellationToken.None);
        return Results.Created("/api/v1/maintenance-windows", (await ViewsAsync([window], db, access, time, http.RequestAborted))[0]);
    }

    private static async Task<IResult> EndAsync(Guid id, HttpContext http, IntakeDbContext db, AccessDbContext access, TimeProvider time)
    {
        var (window, endedNow, before) = await db.RetryOnConflictAsync(async () =>
        {
            var current = await db.MaintenanceWindows.FirstOrDefaultAsync(w => w.Id == id, http.RequestAborted);
            var now = time.GetUtcNow();
            if (current is null || IsOver(current, now))
            {
                return (current, false, (DateTimeOffset?)null);
            }

            var plannedEnd = current.SeriesEndsAt;
            // A window (or series) that has not begun is called off: it ends where it would have started, so it never holds anything.
            var end = current.StartsAt > now ? current.StartsAt : now;
            current.SeriesEndsAt = end;
            if (current.Recurrence is null)
            {
                current.EndsAt = end;
            }

            current.EndedAt = now;
            current.EndedByName = Email.HeaderValue.Cut(http.User.ActorName(), 200);
            current.Version++;
            await db.SaveChangesAsync(CancellationToken.None);
            return (current, true, plannedEnd);
        }, http.RequestAborted);
        if (window is null)
        {
            return Problems.NotFound("maintenance window", id);
        }

        if (!endedNow)
        {
            return Problems.Conflict($"Thời gian bảo trì {id} đã kết thúc / maintenance window {id} is already over");
        }

        access.Record(http.User, time, "maintenance.ended", Subject(id), JsonSerializer.Serialize(new { seriesEndsAt = before }),
            JsonSerializer.Serialize(new { seriesEndsAt = window.SeriesEndsAt }));
        await access.SaveChangesAsync(CancellationToken.None);
        return Results.Ok((await ViewsAsync([window], db, access, time, http.RequestAborted))[0]);
    }

    private static string Subject(Guid id) => "maintenance-window:" + id.ToString("N");

    /// <summary>Over: past its end, or ended (a window called off before it began ends at its start, still ahead).</summary>
    private static bool IsOver(MaintenanceWindow w, DateTimeOffset now) => w.IsOverAt(now);

    /// <summary>The windows as the API shows them: their integrations' names and their alerts held now, read together.</summary>
    private static async Task<List<MaintenanceWindowView>> ViewsAsync(
        IReadOnlyList<MaintenanceWindow> windows, IntakeDbContext db, AccessDbContext access, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var integrationIds = windows.Select(w => w.IntegrationId).Distinct().ToList();
        var names = await access.Integrations.AsNoTracking().Where(i => integrationIds.Contains(i.Id)).Select(i => new { i.Id, i.Name })
            .ToDictionaryAsync(i => i.Id, i => i.Name, cancellationToken);
        var windowIds = windows.Select(w => (Guid?)w.Id).ToList();
        var held = await db.Alerts.AsNoTracking()
            .Where(a => windowIds.Contains(a.MaintenanceWindowId) && a.OpenKey != null)
            .Join(db.Reports.Where(r => r.Status == ReportStatuses.AwaitingConfirmation), a => a.ReportId, r => r.Id, (a, r) => a.MaintenanceWindowId!.Value)
            .GroupBy(id => id).Select(g => new { Id = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Id, g => g.Count, cancellationToken);
        return [.. windows.Select(w => (Window: w, Current: w.OccurrenceAt(now))).Select(x => new MaintenanceWindowView(
            x.Window.Id, x.Window.IntegrationId, names.GetValueOrDefault(x.Window.IntegrationId) ?? x.Window.IntegrationId.ToString(),
            x.Window.StartsAt, x.Window.EndsAt, x.Window.Reason,
            IsOver(x.Window, now) ? MaintenanceWindowView.Over : x.Current is null ? MaintenanceWindowView.Planned : MaintenanceWindowView.Active,
            x.Window.CreatedByName, x.Window.CreatedAt, x.Window.EndedByName, x.Window.EndedAt, held.GetValueOrDefault(x.Window.Id),
            x.Window.Recurrence, x.Window.SeriesEndsAt, x.Current?.End))];
    }
}
