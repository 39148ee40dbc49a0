using System.Text.Json;
using IncidentResponse.Access.Authorization;
using IncidentResponse.Access.Data;
using IncidentResponse.Access.People;
using IncidentResponse.Contracts.Api.Systems;
using IncidentResponse.Intake.Data;
using IncidentResponse.Intake.Reports;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Intake.Systems;

/// <summary>
/// The province's register of information systems (danh mục hệ thống thông tin): the committee's staff read it, coordinators
/// add and change entries (audited). An entry is never deleted; <c>"active": false</c> retires it.
/// </summary>
public static class SystemEndpoints
{
    /// <summary>At most this many systems are listed (a province has hundreds).</summary>
    public const int MaxListed = 2000;

    /// <summary>The body of <c>PUT /api/v1/systems/{code}</c>: the affected system's fields of a report, the level's approval and whether it is in use.</summary>
    public sealed record SystemRequest(
        string? Name, string? OwnerAgency, string? Operator, int? SecurityLevel, string? LevelApproval, string? Isp, string? SecurityProvider,
        IReadOnlyList<string?>? Domains, IReadOnlyList<string?>? Ips, IReadOnlyList<string?>? Services, string? OperatingSystem, string? Purpose,
        bool? Active,
        int? ExpectedVersion = null,
        bool? NationalCritical = null);

    public static IEndpointRouteBuilder MapSystemEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var systems = endpoints.MapGroup("/api/v1/systems").WithTags("Systems");
        systems.MapGet("/", ListAsync).RequireAuthorization(AccessPolicies.Read).Produces<List<InformationSystemView>>();
        systems.MapGet("/{code}", GetAsync).RequireAuthorization(AccessPolicies.Read).Produces<InformationSystemView>().ProducesProblem(StatusCodes.Status404NotFound);
        systems.MapPut("/{code}", PutAsync).RequireAuthorization(AccessPolicies.Administer)
            .Produces<InformationSystemView>(StatusCodes.Status201Created).Produces<InformationSystemView>().ProducesValidationProblem();
        return endpoints;
    }

    /// <summary>
    /// What the audit log keeps of an entry: the facts that decide triage and routing, each cut to 200 characters. Text
    /// fields are one line without control characters, so escaped as JSON (a quote takes two characters) the seven of them
    /// stay under the log's 4,000.
    /// </summary>
    private static string Audited(InformationSystemView v) => JsonSerializer.Serialize(new
    {
        name = Cut(v.Name), ownerAgency = Cut(v.OwnerAgency), @operator = Cut(v.Operator), securityLevel = v.SecurityLevel,
        levelApproval = Cut(v.LevelApproval), isp = Cut(v.Isp), ips = Cut(string.Join(", ", v.Ips)), domains = Cut(string.Join(", ", v.Domains)),
        nationalCritical = v.NationalCritical, active = v.Active, version = v.Version,
    }, AuditJson);

    private static readonly JsonSerializerOptions AuditJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string? Cut(string? text) => text is null ? null : ColumnText.Fit(text, 200);

    private static async Task<IResult> ListAsync(IntakeDbContext db, CancellationToken cancellationToken, bool includeInactive = false)
    {
        var systems = await db.InformationSystems.AsNoTracking().Where(s => includeInactive || s.Active)
            .OrderBy(s => s.Code).Take(MaxListed).ToListAsync(cancellationToken);
        return Results.Ok(systems.Select(SystemRegister.View).ToList());
    }

    private static async Task<IResult> GetAsync(string code, IntakeDbContext db, CancellationToken cancellationToken) =>
        ReportValidation.IsSystemCode(code) && await db.InformationSystems.AsNoTracking().FirstOrDefaultAsync(s => s.Code == code, cancellationToken) is { } system
            ? Results.Ok(SystemRegister.View(system))
            : Problems.NotFound("system", code);

    private static async Task<IResult> PutAsync(string code, HttpContext http, IntakeDbContext db, AccessDbContext access, TimeProvider time)
    {
        if (!ReportValidation.IsSystemCode(code))
        {
            return Problems.Validation("code", ReportValidation.SystemCodeFormat);
        }

        var read = await http.Request.ReadJsonAsync<SystemRequest>();
        if (read.Problem is not null)
        {
            return read.Problem;
        }

        var request = read.Value!;
        var (system, errors) = ReportValidation.ValidateSystem(new ReportRequest.AffectedSystemBody(request.Name, request.OwnerAgency, request.Operator,
            request.SecurityLevel, request.Isp, request.SecurityProvider, request.Domains, request.Ips, request.Services, request.OperatingSystem, request.Purpose), "");
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            errors["name"] = ["Bắt buộc: tên hệ thống / required: the system's name"];
        }

        // One line each (they go into notices, documents and the audit log as they are).
        foreach (var (field, value) in new[] { ("name", request.Name), ("ownerAgency", request.OwnerAgency), ("operator", request.Operator), ("isp", request.Isp),
            ("securityProvider", request.SecurityProvider), ("operatingSystem", request.OperatingSystem), ("purpose", request.Purpose) })
        {
            if (value?.Any(char.IsControl) == true)
            {
                errors[field] = ["Một dòng, không chứa ký tự điều khiển / one line, no control characters"];
            }
        }

        foreach (var (field, items) in new[] { ("domains", request.Domains), ("ips", request.Ips), ("services", request.Services) })
        {
            for (var i = 0; i < (items?.Count ?? 0); i++)
            {
                if (items![i]?.Any(char.IsControl) == true)
                {
                    errors[$"{field}[{i}]"] = ["Một dòng, không chứa ký tự điều khiển / one line, no control characters"];
                }
            }
        }

        if (request.ExpectedVersion is < 0)
        {
            errors["expectedVersion"] = ["0 cho hệ thống mới, hoặc phiên bản đang sửa / 0 for a new system, or the version being changed"];
        }

        var approval = request.LevelApproval?.Trim();
        if (approval is { Length: 0 })
        {
            approval = null;
        }
        else if (approval is not null && (approval.Length > InformationSystem.MaxLevelApproval || approval.Any(char.IsControl)))
        {
            errors["levelApproval"] = [$"Tối đa {InformationSystem.MaxLevelApproval} ký tự, một dòng / at most {InformationSystem.MaxLevelApproval} characters, one line"];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var by = Email.HeaderValue.Cut(http.User.ActorName(), 200);
        var (saved, before, created, stale) = await db.RetryOnConflictAsync(async () =>
        {
            var current = await db.InformationSystems.FirstOrDefaultAsync(s => s.Code == code, http.RequestAborted);
            if (request.ExpectedVersion is { } expected && expected != (current?.Version ?? 0))
            {
                return ((InformationSystem?)current, (string?)null, expected == 0, true);
            }

            var previous = current is null ? null : Audited(SystemRegister.View(current));
            var isNew = current is null;
            current ??= db.InformationSystems.Add(new InformationSystem { Code = code, Name = "", Domains = "[]", Ips = "[]", Services = "[]", UpdatedBy = by }).Entity;
            current.Name = system!.Name!;
            current.OwnerAgency = system.OwnerAgency;
            current.Operator = system.Operator;
            current.SecurityLevel = system.SecurityLevel;
            current.LevelApproval = approval;
            current.Isp = system.Isp;
            current.SecurityProvider = system.SecurityProvider;
            current.Domains = SystemRegister.Json(system.Domains);
            current.Ips = SystemRegister.Json(system.Ips);
            current.Services = SystemRegister.Json(system.Services);
            current.OperatingSystem = system.OperatingSystem;
            current.Purpose = system.Purpose;
            current.NationalCritical = request.NationalCritical ?? (!isNew && current.NationalCritical); // left out: as it was
            current.Active = request.Active ?? (isNew || current.Active); // left out: as it was
            current.UpdatedAt = time.GetUtcNow();
            current.UpdatedBy = by;
            current.Version = isNew ? 1 : current.Version + 1;
            await db.SaveChangesAsync(CancellationToken.None); // a begun write finishes
            return ((InformationSystem?)current, previous, isNew, false);
        }, http.RequestAborted);
        if (stale)
        {
            return Problems.Conflict(saved is null ? $"Hệ thống {code} chưa có trong danh mục / system {code} is not in the register"
                : created ? $"Mã {code} đã có trong danh mục ({saved.Name}); chọn Sửa để thay đổi / code {code} is in the register already ({saved.Name}); edit it instead"
                : $"Hệ thống {code} đã được thay đổi (phiên bản {saved.Version}); tải lại rồi sửa / system {code} was changed meanwhile (version {saved.Version}); reload and edit again");
        }

        var view = SystemRegister.View(saved!);
        access.Record(http.User, time, created ? "system.created" : "system.changed", "system:" + code, before, Audited(view));
        await access.SaveChangesAsync(CancellationToken.None);
        return created ? Results.Created($"/api/v1/systems/{code}", view) : Results.Ok(view);
    }
}
