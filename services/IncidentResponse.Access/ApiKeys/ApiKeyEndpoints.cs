using IncidentResponse.Access.Authorization;
using IncidentResponse.Access.Data;
using IncidentResponse.Access.People;
using IncidentResponse.ServiceDefaults.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Access.ApiKeys;

/// <summary>Coordinators issue, list and revoke API keys. A key's secret is shown once, when issued.</summary>
public static class ApiKeyEndpoints
{
    public sealed record IssueApiKey(string? Name, string? Role, string? Unit = null, DateTimeOffset? ExpiresAt = null);

    public sealed record ApiKeyView(
        Guid Id, string Name, string Role, string Prefix, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt, string? Unit = null,
        DateTimeOffset? ExpiresAt = null);

    public sealed record IssuedApiKey(Guid Id, string Name, string Role, string Key, string? Unit = null);

    public static IEndpointRouteBuilder MapApiKeyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var keys = endpoints.MapGroup("/api/v1/api-keys").RequireAuthorization(AccessPolicies.Administer).WithTags("Access");
        keys.MapGet("/", ListAsync);
        keys.MapPost("/", IssueAsync);
        keys.MapDelete("/{id:guid}", RevokeAsync);
        return endpoints;
    }

    private static async Task<IResult> ListAsync(AccessDbContext db, CancellationToken cancellationToken)
    {
        var keys = await db.ApiKeys.AsNoTracking().OrderBy(k => k.Name)
            .Select(k => new ApiKeyView(k.Id, k.Name, k.Role, k.Prefix, k.CreatedAt, k.CreatedBy, k.RevokedAt, k.Unit, k.ExpiresAt))
            .ToListAsync(cancellationToken);
        return Results.Ok(keys);
    }

    private static async Task<IResult> IssueAsync(HttpContext http, AccessDbContext db, TimeProvider time)
    {
        var (request, _, problem) = await http.Request.ReadJsonAsync<IssueApiKey>();
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request!.Name) || request.Name.Length > 200)
        {
            errors["name"] = ["Bắt buộc, tối đa 200 ký tự / required, at most 200 characters"];
        }

        if (request.Role == AccessRoles.Integration)
        {
            errors["role"] = ["Khóa tích hợp được cấp cùng tích hợp: POST /api/v1/integrations / integration keys are issued with their integration: POST /api/v1/integrations"];
        }
        else if (request.Role is null || !AccessRoles.Issuable.Contains(request.Role))
        {
            errors["role"] = [$"Một trong / one of: {string.Join(", ", AccessRoles.Issuable)}"];
        }

        var unit = string.IsNullOrWhiteSpace(request.Unit) ? null : request.Unit.Trim();
        if (request.Role == AccessRoles.Responder && (unit is null || unit.Length > 40))
        {
            errors["unit"] = ["Bắt buộc với vai trò responder: mã đơn vị trong danh bạ, tối đa 40 ký tự / required for the responder role: the unit's directory code, at most 40 characters"];
        }
        else if (request.Role != AccessRoles.Responder && unit is not null)
        {
            errors["unit"] = ["Chỉ dùng cho vai trò responder / only for the responder role"];
        }

        if (request.ExpiresAt is { } expires && expires <= time.GetUtcNow())
        {
            errors["expiresAt"] = ["Phải ở tương lai / must be in the future"];
        }

        if (errors.Count == 0 && !await DirectoryReferences.CheckAsync(http.RequestServices, unit, null, errors, http.RequestAborted))
        {
            return DirectoryReferences.Unavailable();
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var key = ApiKeySecret.Generate();
        var entity = new ApiKey
        {
            Id = Guid.NewGuid(),
            Name = request.Name!.Trim(),
            Role = request.Role!,
            Unit = unit,
            KeyHash = ApiKeySecret.Hash(key),
            Prefix = ApiKeySecret.PrefixOf(key),
            CreatedAt = time.GetUtcNow(),
            CreatedBy = http.User.ActorName(),
            ExpiresAt = request.ExpiresAt,
        };
        db.ApiKeys.Add(entity);
        db.Record(http.User, time, "api-key.issued", "api-key:" + entity.Id.ToString("N"), null,
            System.Text.Json.JsonSerializer.Serialize(new { entity.Name, entity.Role, entity.Unit, entity.Prefix, entity.ExpiresAt }));
        await db.SaveChangesAsync(http.RequestAborted);
        return Results.Created($"/api/v1/api-keys/{entity.Id}", new IssuedApiKey(entity.Id, entity.Name, entity.Role, key, entity.Unit));
    }

    private static async Task<IResult> RevokeAsync(Guid id, HttpContext http, AccessDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null)
        {
            return Problems.NotFound("api key", id);
        }

        if (key.RevokedAt is null)
        {
            key.RevokedAt = time.GetUtcNow();
            db.Record(http.User, time, "api-key.revoked", "api-key:" + id.ToString("N"), "{\"revoked\":false}", "{\"revoked\":true}");
        }

        await db.SaveChangesAsync(cancellationToken);
        return Results.NoContent();
    }
}
