using IncidentResponse.Access.ApiKeys;
using IncidentResponse.Access.Authorization;
using IncidentResponse.Access.Data;
using IncidentResponse.Access.Integrations;
using IncidentResponse.Access.People;
using IncidentResponse.Contracts.Api.Integrations;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.ServiceDefaults.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Intake.Integrations;

/// <summary>
/// Coordinators issue, list and revoke integration keys: one per monitoring source, with the
/// defaults its events get. The key (shown once) is an API key of role <c>integration</c>.
/// </summary>
public static class IntegrationEndpoints
{
    public sealed record IssueIntegration(
        string? Name, string? Kind, string? Classification, string? OwnerAgency, string? Tlp, string? OnResolve,
        Dictionary<string, SeverityImpact?>? SeverityMap, int? SecurityLevel = null, string? Isp = null, bool? OwnerCanHandle = null,
        string? SystemCode = null);

    public static IEndpointRouteBuilder MapIntegrationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var integrations = endpoints.MapGroup("/api/v1/integrations").WithTags("Integrations");
        integrations.MapGet("/", ListAsync).RequireAuthorization(AccessPolicies.Administer).Produces<IReadOnlyList<IntegrationView>>();
        integrations.MapPost("/", IssueAsync).RequireAuthorization(AccessPolicies.Administer)
            .Produces<IssuedIntegration>(StatusCodes.Status201Created).ProducesValidationProblem();
        integrations.MapDelete("/{id:guid}", RevokeAsync).RequireAuthorization(AccessPolicies.Administer)
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<IResult> ListAsync(AccessDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.Integrations.AsNoTracking()
            .Join(db.ApiKeys.AsNoTracking(), i => i.Id, k => k.Id, (i, k) => new { Integration = i, k.Prefix, k.RevokedAt })
            .ToListAsync(cancellationToken);
        return Results.Ok(rows.OrderBy(r => r.Integration.Name, StringComparer.Ordinal).Select(r => View(r.Integration, r.Prefix, r.RevokedAt)).ToList());
    }

    private static async Task<IResult> IssueAsync(HttpContext http, AccessDbContext db, Data.IntakeDbContext intake, TimeProvider time)
    {
        var read = await http.Request.ReadJsonAsync<IssueIntegration>();
        if (read.Problem is not null)
        {
            return read.Problem;
        }

        var request = read.Value!;
        var errors = new Dictionary<string, string[]>();
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            errors["name"] = ["Bắt buộc, tối đa 200 ký tự / required, at most 200 characters"];
        }

        var kind = request.Kind?.Trim() ?? IntegrationKinds.EventsV2;
        if (!IntegrationKinds.All.Contains(kind))
        {
            errors["kind"] = [$"Một trong / one of: {string.Join(", ", IntegrationKinds.All)}"];
        }

        var classification = string.IsNullOrWhiteSpace(request.Classification) ? Rsit.Undetermined : request.Classification.Trim();
        if (!Rsit.IsKnown(classification))
        {
            errors["classification"] = ["Không thuộc phân loại RSIT, dạng lớp:kiểu / not an RSIT class:type, e.g. availability:outage"];
        }

        var tlp = request.Tlp is null ? Tlp.Amber : Tlp.Normalize(request.Tlp);
        if (tlp is null)
        {
            errors["tlp"] = [$"Một trong / one of: {string.Join(", ", Tlp.Labels)}"];
        }

        var ownerAgency = request.OwnerAgency?.Trim();
        if (ownerAgency is { Length: > 500 })
        {
            errors["ownerAgency"] = ["Tối đa 500 ký tự / at most 500 characters"];
        }

        if (request.SecurityLevel is < 1 or > 5)
        {
            errors["securityLevel"] = ["Cấp độ hệ thống thông tin từ 1 đến 5 / the system's security level, 1 to 5"];
        }

        var isp = request.Isp?.Trim();
        if (isp is { Length: > 200 })
        {
            errors["isp"] = ["Tối đa 200 ký tự / at most 200 characters"];
        }

        var onResolve = request.OnResolve?.Trim() ?? ResolveBehaviours.Resolve;
        if (!ResolveBehaviours.All.Contains(onResolve))
        {
            errors["onResolve"] = [$"Một trong / one of: {string.Join(", ", ResolveBehaviours.All)}"];
        }

        var systemCode = request.SystemCode?.Trim();
        if (string.IsNullOrEmpty(systemCode))
        {
            systemCode = null;
        }
        else if (!Reports.ReportValidation.IsSystemCode(systemCode))
        {
            errors["systemCode"] = [Reports.ReportValidation.SystemCodeFormat];
        }
        else if (!await intake.InformationSystems.AnyAsync(s => s.Code == systemCode && s.Active, http.RequestAborted))
        {
            errors["systemCode"] = [$"Không có hệ thống đang dùng với mã '{systemCode}' trong danh mục / no active system of the register has the code '{systemCode}'"];
        }

        var map = SeverityMap(request.SeverityMap, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var key = IntegrationCredentials.GenerateKey();
        var now = time.GetUtcNow();
        var apiKey = new ApiKey
        {
            Id = Guid.NewGuid(),
            Name = name!,
            Role = AccessRoles.Integration,
            KeyHash = ApiKeySecret.Hash(key),
            Prefix = ApiKeySecret.PrefixOf(key),
            CreatedAt = now,
            CreatedBy = http.User.ActorName(),
        };
        var integration = new IntegrationSource
        {
            Id = apiKey.Id,
            Name = name!,
            Kind = kind,
            Classification = classification,
            OwnerAgency = string.IsNullOrEmpty(ownerAgency) ? null : ownerAgency,
            Tlp = tlp!,
            SecurityLevel = request.SecurityLevel,
            Isp = string.IsNullOrEmpty(isp) ? null : isp,
            OwnerCanHandle = request.OwnerCanHandle,
            SystemCode = systemCode,
            SeverityMap = IntegrationDefaults.Write(map),
            OnResolve = onResolve,
            CreatedAt = now,
            CreatedBy = apiKey.CreatedBy,
        };
        db.ApiKeys.Add(apiKey);
        db.Integrations.Add(integration);
        db.Record(http.User, time, "integration.created", "integration:" + integration.Id.ToString("N"), null,
            System.Text.Json.JsonSerializer.Serialize(new
            {
                name = integration.Name, kind = integration.Kind, prefix = apiKey.Prefix, // the facts its alerts carry, which decide triage and routing:
                systemCode = integration.SystemCode, ownerAgency = integration.OwnerAgency, securityLevel = integration.SecurityLevel, isp = integration.Isp,
                ownerCanHandle = integration.OwnerCanHandle,
            }));
        await db.SaveChangesAsync(http.RequestAborted);
        return Results.Created($"/api/v1/integrations/{integration.Id}",
            new IssuedIntegration(integration.Id, integration.Name, integration.Kind, key, View(integration, apiKey.Prefix, null)));
    }

    private static async Task<IResult> RevokeAsync(Guid id, HttpContext http, AccessDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id && db.Integrations.Any(i => i.Id == id), cancellationToken);
        if (key is null)
        {
            return Problems.NotFound("integration", id);
        }

        if (key.RevokedAt is null)
        {
            key.RevokedAt = time.GetUtcNow();
            db.Record(http.User, time, "integration.revoked", "integration:" + id.ToString("N"), "{\"revoked\":false}", "{\"revoked\":true}");
        }

        await db.SaveChangesAsync(cancellationToken);
        return Results.NoContent();
    }

    /// <summary>The defaults, with the severities the request maps replaced; unknown severities and impact values are errors.</summary>
    private static Dictionary<string, SeverityImpact> SeverityMap(Dictionary<string, SeverityImpact?>? requested, Dictionary<string, string[]> errors)
    {
        var map = new Dictionary<string, SeverityImpact>(SeverityImpact.Defaults, StringComparer.Ordinal);
        foreach (var (severity, impact) in requested ?? [])
        {
            var field = $"severityMap.{severity}";
            if (!SeverityImpact.Severities.Contains(severity))
            {
                errors[field] = [$"Mức của nguồn là một trong / source severity is one of: {string.Join(", ", SeverityImpact.Severities)}"];
                continue;
            }

            if (impact is null)
            {
                errors[field] = ["Bắt buộc / required"];
                continue;
            }

            Check(errors, field + ".functional", impact.Functional, ImpactScales.Functional);
            Check(errors, field + ".information", impact.Information, ImpactScales.Information);
            Check(errors, field + ".recoverability", impact.Recoverability, ImpactScales.Recoverability);
            map[severity] = impact;
        }

        return map;
    }

    private static void Check(Dictionary<string, string[]> errors, string field, string? value, IReadOnlyList<string> allowed)
    {
        if (value is not null && !allowed.Contains(value))
        {
            errors[field] = [$"Một trong / one of: {string.Join(", ", allowed)}"];
        }
    }

    private static IntegrationView View(IntegrationSource i, string prefix, DateTimeOffset? revokedAt) =>
        new(i.Id, i.Name, i.Kind, prefix, i.Classification, i.OwnerAgency, i.Tlp, i.OnResolve, IntegrationDefaults.SeverityMapOf(i),
            i.CreatedAt, i.CreatedBy, revokedAt, i.SecurityLevel, i.Isp, i.OwnerCanHandle, i.SystemCode);
}
