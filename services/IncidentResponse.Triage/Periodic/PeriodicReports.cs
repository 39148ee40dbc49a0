using IncidentResponse.Access.Authorization;
using IncidentResponse.Contracts.Api.Incidents;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Web;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Incidents;
using IncidentResponse.Triage.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Triage.Periodic;

/// <summary>
/// The committee's periodic reports (Mẫu 05, half-year before 20/6 and annual before 15/12): owed every year by the rules
/// (<c>periodicReports</c> of the legal regimes), due at a time of the committee's calendar, and recorded submitted or
/// waived like an incident's duties. <c>GET /api/v1/periodic-reports?year=</c> lists a year's (the current one by default);
/// <c>POST …/{kind}/{year}/submit</c> and <c>…/waive</c> record what became of one, once.
/// </summary>
public static class PeriodicReports
{
    public const int MaxText = 2000;

    /// <summary><see cref="DocumentId"/>: a version issued here (<see cref="PeriodicDocuments"/>); <see cref="DocumentVersion"/> then says which.</summary>
    public sealed record SubmitReport(string? Note, string? Channel, IReadOnlyList<string>? Recipients, string? DocumentVersion, Guid? DocumentId = null);

    public sealed record WaiveReport(string? Reason);

    public static RouteGroupBuilder MapPeriodicReports(this RouteGroupBuilder reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        reports.MapGet("/", ListAsync).RequireAuthorization(AccessPolicies.Read).Produces<IReadOnlyList<PeriodicReportView>>().ProducesValidationProblem();
        reports.MapPost("/{kind}/{year:int}/submit", SubmitAsync).RequireAuthorization(AccessPolicies.Manage).Produces<PeriodicReportView>().ProducesValidationProblem();
        reports.MapPost("/{kind}/{year:int}/waive", WaiveAsync).RequireAuthorization(AccessPolicies.Manage).Produces<PeriodicReportView>().ProducesValidationProblem();
        return reports.MapPeriodicDocuments();
    }

    /// <summary>The periodic reports of <paramref name="year"/>, earliest due first, with what became of each.</summary>
    public static async Task<IReadOnlyList<PeriodicReportView>> OfYearAsync(
        TriageDbContext db, LegalRegimes regimes, TimeZoneInfo zone, int year, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(regimes);
        var records = await db.PeriodicReports.AsNoTracking().Where(r => r.Year == year).ToDictionaryAsync(r => r.Id, cancellationToken);
        var issued = await IssuedOfYearAsync(db, year, cancellationToken);
        return regimes.PeriodicReports
            .Select(rule => View(rule, year, zone, records.GetValueOrDefault(IdOf(rule.Id, year)), now, issued[IdOf(rule.Id, year)]))
            .OrderBy(v => v.DueAt).ThenBy(v => v.Kind, StringComparer.Ordinal)
            .ToList();
    }

    public static string IdOf(string kind, int year) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{kind}:{year}");

    /// <summary>The versions issued for the reports of <paramref name="year"/>, without their files, by report id.</summary>
    private static async Task<ILookup<string, PeriodicDocumentView>> IssuedOfYearAsync(TriageDbContext db, int year, CancellationToken cancellationToken) =>
        (await PeriodicDocuments.ViewsAsync(db, d => d.Year == year, cancellationToken)).ToLookup(v => v.ReportId, StringComparer.Ordinal);

    private static PeriodicReportView View(
        PeriodicReportRule rule, int year, TimeZoneInfo zone, PeriodicReportRecord? record, DateTimeOffset now, IEnumerable<PeriodicDocumentView> issued)
    {
        var due = rule.DueIn(year, zone);
        var state = record?.State ?? (due <= now ? DutyStates.Overdue : DutyStates.Due);
        var submitted = record?.State == DutyStates.Submitted ? record : null;
        var waived = record?.State == DutyStates.Waived ? record : null;
        var statistics = $"/api/v1/statistics/{rule.Form}?year={year}{(rule.Half is { } half ? $"&half={half}" : "")}";
        return new PeriodicReportView(IdOf(rule.Id, year), rule.Id, year, rule.Half, rule.Form, rule.Name.Vi, rule.Name.En, rule.Basis, rule.Recipients,
            due, state, DutyStates.Names[state].Vi, statistics,
            submitted?.At, submitted?.By, submitted?.SubmittedTo?.Split(',', StringSplitOptions.RemoveEmptyEntries), submitted?.Channel,
            submitted?.DocumentVersion, submitted?.Note, waived?.At, waived?.By, waived?.WaiverReason, submitted?.DocumentId, [.. issued]);
    }

    private static async Task<IResult> ListAsync(
        TriageDbContext db, RuleBook rules, IOptions<TriageOptions> options, TimeProvider time, CancellationToken cancellationToken, int? year = null)
    {
        var zone = options.Value.Zone();
        var now = time.GetUtcNow();
        if (year is < 2000 or > 2100)
        {
            return Problems.Validation("year", "Năm từ 2000 đến 2100, bỏ trống là năm nay / a year from 2000 to 2100; omit for this year");
        }

        return Results.Ok(await OfYearAsync(db, rules.Regimes, zone, year ?? TimeZoneInfo.ConvertTime(now, zone).Year, now, cancellationToken));
    }

    private static async Task<IResult> SubmitAsync(
        string kind, int year, HttpContext http, TriageDbContext db, RuleBook rules, IOptions<TriageOptions> options, TimeProvider time)
    {
        var read = await http.Request.ReadJsonAsync<SubmitReport>();
        if (read.Problem is not null)
        {
            return read.Problem;
        }

        var request = read.Value ?? new SubmitReport(null, null, null, null);
        var errors = SubmissionChecks.Errors(request.Note, request.Channel, request.DocumentVersion, request.Recipients);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        PeriodicDocument? document = null;
        if (request.DocumentId is { } documentId && year is >= 2000 and <= 2100 && rules.Regimes.PeriodicReports.Any(r => r.Id == kind))
        {
            var reportId = IdOf(kind, year);
            document = await PeriodicDocuments.WithoutFiles(db.PeriodicDocuments.AsNoTracking().Where(d => d.Id == documentId && d.ReportId == reportId))
                .FirstOrDefaultAsync(http.RequestAborted);
            if (document is null)
            {
                return Problems.Validation("documentId", $"Không có phiên bản {documentId} của báo cáo này / no version {documentId} of this report was issued");
            }
        }

        return await RecordAsync(kind, year, http, db, rules, options, time, (rule, record) =>
        {
            record.State = DutyStates.Submitted;
            record.SubmittedTo = string.Join(',', request.Recipients is { Count: > 0 } r ? r.Select(x => x.Trim()) : rule.Recipients);
            record.Channel = request.Channel?.Trim() is { Length: > 0 } c ? c : null;
            record.DocumentVersion = request.DocumentVersion?.Trim() is { Length: > 0 } v ? v : document is null ? null : PeriodicDocuments.VersionText(document);
            record.DocumentId = document?.Id;
            record.Note = request.Note?.Trim() is { Length: > 0 } n ? n : null;
        });
    }

    private static async Task<IResult> WaiveAsync(
        string kind, int year, HttpContext http, TriageDbContext db, RuleBook rules, IOptions<TriageOptions> options, TimeProvider time)
    {
        var read = await http.Request.ReadJsonAsync<WaiveReport>();
        if (read.Problem is not null)
        {
            return read.Problem;
        }

        var reason = read.Value?.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > MaxText)
        {
            return Problems.Validation("reason", $"Bắt buộc nêu lý do miễn, tối đa {MaxText} ký tự / a reason is required, at most {MaxText} characters");
        }

        return await RecordAsync(kind, year, http, db, rules, options, time, (_, record) =>
        {
            record.State = DutyStates.Waived;
            record.WaiverReason = reason;
        });
    }

    /// <summary>Records what became of the report, once: a second record of the same report (also a racing one) is a 409.</summary>
    private static async Task<IResult> RecordAsync(
        string kind, int year, HttpContext http, TriageDbContext db, RuleBook rules, IOptions<TriageOptions> options, TimeProvider time,
        Action<PeriodicReportRule, PeriodicReportRecord> fill)
    {
        var rule = rules.Regimes.PeriodicReports.FirstOrDefault(r => r.Id == kind);
        if (rule is null || year is < 2000 or > 2100)
        {
            return Problems.NotFound("periodic report", IdOf(kind, year));
        }

        var id = IdOf(kind, year);
        if (await db.PeriodicReports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, http.RequestAborted) is { } done)
        {
            return Problems.Conflict($"Báo cáo đã ở trạng thái {DutyStates.Names[done.State].Vi} / the report is already {done.State}");
        }

        var now = time.GetUtcNow();
        var actor = IncidentCommands.ActorOf(http);
        var record = new PeriodicReportRecord { Id = id, Kind = kind, Year = year, State = DutyStates.Submitted, At = now,
            ById = ColumnText.Fit(actor.Id, 200), By = ColumnText.Fit(actor.Name, 200) };
        fill(rule, record);
        db.PeriodicReports.Add(record);
        try
        {
            await db.SaveChangesAsync(http.RequestAborted);
        }
        catch (DbUpdateException ex) when (Conflicts.IsConflict(ex))
        {
            return Problems.Conflict("Báo cáo vừa được ghi nhận / the report was just recorded");
        }

        var zone = options.Value.Zone();
        return Results.Ok(View(rule, year, zone, record, now, (await IssuedOfYearAsync(db, year, http.RequestAborted))[id]));
    }
}
