using IncidentResponse.Access.ApiKeys;
using IncidentResponse.Access.Authorization;
using IncidentResponse.Access.Data;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Access.Integrations;

/// <summary>Finds the integration behind a key (Events API <c>routing_key</c>) or behind an authenticated caller.</summary>
public static class IntegrationCredentials
{
    /// <summary>Integration keys look like PagerDuty's: 32 lowercase hex characters (128 random bits).</summary>
    public static string GenerateKey() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    /// <summary>The live integration whose key this is; null when unknown, revoked, or not an integration key.</summary>
    public static async Task<IntegrationSource?> FindByKeyAsync(this AccessDbContext db, string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (string.IsNullOrEmpty(key) || key.Length > 200)
        {
            return null;
        }

        var hash = ApiKeySecret.Hash(key);
        var found = await db.ApiKeys.AsNoTracking()
            .Where(k => k.KeyHash == hash && k.Role == AccessRoles.Integration)
            .Join(db.Integrations.AsNoTracking(), k => k.Id, i => i.Id, (k, i) => new { k.RevokedAt, Integration = i })
            .FirstOrDefaultAsync(cancellationToken);
        return found is null || (found.RevokedAt is { } revoked && revoked <= now) ? null : found.Integration;
    }

    /// <summary>The integration of an authenticated caller (<c>apikey:&lt;id&gt;</c>); null for other callers.</summary>
    public static async Task<IntegrationSource?> FindByActorAsync(this AccessDbContext db, string actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (actorId is null || !actorId.StartsWith("apikey:", StringComparison.Ordinal) || !Guid.TryParse(actorId["apikey:".Length..], out var id))
        {
            return null;
        }

        return await db.Integrations.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
    }
}
