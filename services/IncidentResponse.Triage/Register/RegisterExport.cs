using IncidentResponse.Access.Authorization;
using IncidentResponse.Contracts.Reports;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.ServiceDefaults.Web;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Incidents;
using IncidentResponse.Triage.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Triage.Register;

/// <summary>
/// <c>GET /api/v1/incidents/export?format=csv|xlsx&amp;…</c>: the register's whole filtered set (the list's filters and
/// order, no paging), at most <see cref="MaxRows"/> rows: the ids in order first, then the rows a chunk at a time. CSV is streamed as
/// it is read; XLSX is written to a temporary file (the package format needs to seek) and then sent.
/// </summary>
public static class RegisterExport
{
    public const int MaxRows = 100_000;

    private const int Chunk = 1_000;

    public static RouteGroupBuilder MapRegisterExport(this RouteGroupBuilder incidents)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        incidents.MapGet("/export", ExportAsync).RequireAuthorization(AccessPolicies.Read).Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem();
        return incidents;
    }

    private static async Task<IResult> ExportAsync(
        HttpContext http, TriageDbContext db, TimeProvider time, IOptions<TriageOptions> options, [AsParameters] RegisterQuery register, string? format = null)
    {
        var (filter, errors) = register.Parse();
        format = string.IsNullOrWhiteSpace(format) ? "csv" : format.Trim().ToLowerInvariant();
        if (format is not ("csv" or "xlsx"))
        {
            errors["format"] = ["csv hoặc / or xlsx"];
        }

        if (filter is null || errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        // The set and its order are fixed here, in one read: the count, the truncation and the rows all come from it.
        var query = filter.Apply(db, db.Incidents.AsNoTracking());
        var ids = await filter.Order(query).Select(i => i.Id).Take(MaxRows + 1).ToListAsync(http.RequestAborted);
        if (ids.Count > MaxRows)
        {
            http.Response.Headers["X-Total-Count"] = (await query.CountAsync(http.RequestAborted)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            http.Response.Headers["X-Export-Truncated"] = MaxRows.ToString(System.Globalization.CultureInfo.InvariantCulture);
            ids.RemoveAt(MaxRows);
        }
        else
        {
            http.Response.Headers["X-Total-Count"] = ids.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        // Times in the committee's zone (Triage:TimeZone, each with its offset), the file dated there too: with the default
        // zone, the register page's times (the console shows Vietnam's time).
        var zone = options.Value.Zone();
        var rows = Rows(db, ids, zone, http.RequestAborted);
        var name = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"so-su-co-incident-register-{TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone):yyyy-MM-dd}.{format}");
        if (format == "csv")
        {
            return Results.Stream(stream => RegisterCsv.WriteAsync(stream, rows, http.RequestAborted), "text/csv; charset=utf-8", name);
        }

        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        await RegisterXlsx.WriteAsync(file, rows, http.RequestAborted);
        file.Position = 0;
        return Results.Stream(file, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
    }

    /// <summary>The header row: Vietnamese first, then English.</summary>
    public static IReadOnlyList<string> Headers { get; } =
    [
        "Số / Number", "Tiêu đề / Title", "Trạng thái / Status", "Mức độ / Severity", "Nghiêm trọng / Serious", "Phân loại / Class", "TLP",
        "Diễn tập / Drill", "Phát hiện / Detected", "Mở / Opened", "Lần cuối / Last seen", "Đóng / Closed", "Số báo cáo / Reports",
        "Hệ thống bị ảnh hưởng / Affected system", "Đơn vị tham gia / Units engaged", "Kết quả / Resolution",
    ];

    /// <summary>
    /// One row's cells, as text or a number (<see cref="int"/>), of the incidents <paramref name="all"/> names, in that order,
    /// times in <paramref name="zone"/> with their offset (<c>2026-12-01 00:30:00 +07:00</c>).
    /// The caller fixes the set and its order when the export starts (the ids, in order, in one read): incidents that change
    /// while it runs (the default order is by severity and last seen, which a busy day changes every second) are neither
    /// skipped nor written twice, as a chunk-by-offset read would.
    /// </summary>
    public static async IAsyncEnumerable<object?[]> Rows(
        TriageDbContext db, IReadOnlyList<Guid> all, TimeZoneInfo zone, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(all);
        ArgumentNullException.ThrowIfNull(zone);
        string Time(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm:ss zzz", System.Globalization.CultureInfo.InvariantCulture);

        foreach (var ids in all.Chunk(Chunk))
        {
            var byId = await db.Incidents.AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancel);
            var incidents = ids.Where(byId.ContainsKey).Select(id => byId[id]).ToList();
            var units = (await db.IncidentUnits.AsNoTracking().Where(u => ids.Contains(u.IncidentId)).ToListAsync(cancel))
                .GroupBy(u => u.IncidentId).ToDictionary(g => g.Key, g => string.Join(", ", g.OrderBy(u => u.EngagedAt).Select(u => u.UnitCode)));
            foreach (var i in incidents)
            {
                var level = SeverityLevels.Of(i.SeverityLevel);
                yield return
                [
                    i.Number, i.Title, $"{Lifecycle.Names[i.Status].Vi} / {Lifecycle.Names[i.Status].En}", $"{level.Value} {level.NameVi} / {level.NameEn}",
                    i.Serious ? "có / yes" : "không / no", $"{RsitNames.Of(i.Classification, english: false)} ({i.Classification})", i.Tlp, i.Drill ? "có / yes" : "không / no",
                    Time(i.DetectedAt), Time(i.OpenedAt), Time(i.LastSeenAt), i.ClosedAt is { } closed ? Time(closed) : null, i.ReportCount,
                    i.AffectedSystem is null ? null : IncidentJson.Read<AffectedSystem>(i.AffectedSystem)?.Name, units.GetValueOrDefault(i.Id), i.Resolution,
                ];
            }
        }
    }
}
