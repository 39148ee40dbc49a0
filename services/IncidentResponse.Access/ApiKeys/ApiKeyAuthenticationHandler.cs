using System.Security.Claims;
using System.Text.Encodings.Web;
using IncidentResponse.Access.Authorization;
using IncidentResponse.Access.ConsoleTokens;
using IncidentResponse.Access.Data;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.ServiceDefaults.Web.RateLimits;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Access.ApiKeys;

/// <summary>
/// <c>Authorization: Bearer &lt;key&gt;</c>. Keys are looked up by hash and cached briefly, so a
/// revoked key stops working within <see cref="ApiKeyOptions.ApiKeyCacheDuration"/>. An integration
/// key carries its kind (<see cref="AccessClaims.IntegrationKind"/>): the one door it opens.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AccessDbContext db,
    IMemoryCache cache,
    IOptions<ApiKeyOptions> keyOptions,
    TimeProvider time) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var key = header["Bearer ".Length..].Trim();
        if (key.StartsWith(ConsoleTokenService.Prefix, StringComparison.Ordinal))
        {
            // The console acting as a signed-in person: accepted wherever an API key is.
            var tokens = Context.RequestServices.GetRequiredService<ConsoleTokenService>();
            var (user, refusal) = await tokens.ValidateAsync(key, SchemeName, Context.RequestAborted);
            return user is null ? AuthenticateResult.Fail(refusal!) : AuthenticateResult.Success(new AuthenticationTicket(user, SchemeName));
        }

        if (key.Length < ApiKeySecret.MinimumLength)
        {
            return AuthenticateResult.Fail("malformed API key");
        }

        var hash = ApiKeySecret.Hash(key);
        var found = await FindAsync(hash);
        if (found is null || !found.Key.IsValidAt(time.GetUtcNow()))
        {
            Context.RequestServices.GetService<FailedCredentials>()?.Record(Context);
            return AuthenticateResult.Fail("unknown, revoked or expired API key");
        }

        List<Claim> claims =
        [
            new Claim(ClaimTypes.NameIdentifier, "apikey:" + found.Key.Id),
            new Claim(ClaimTypes.Name, found.Key.Name),
            new Claim(ClaimTypes.Role, found.Key.Role),
            new Claim(AccessClaims.Channel, ReportChannels.Api),
        ];
        if (found.Key.Unit is { } unit)
        {
            claims.Add(new Claim(AccessClaims.Unit, unit));
        }

        if (found.IntegrationKind is { } kind)
        {
            claims.Add(new Claim(AccessClaims.IntegrationKind, kind));
        }

        var identity = new ClaimsIdentity(claims, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>
    /// The key and, for an integration key, its kind. Only keys that exist are remembered: a miss is looked
    /// up again next time, so random bearer values cannot fill the cache (they count as failed credentials).
    /// </summary>
    private async Task<KnownKey?> FindAsync(string hash)
    {
        var cacheFor = keyOptions.Value.ApiKeyCacheDuration;
        var cacheKey = "apikey:" + hash;
        if (cacheFor > TimeSpan.Zero && cache.TryGetValue(cacheKey, out KnownKey? remembered) && remembered is not null)
        {
            return remembered;
        }

        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.KeyHash == hash, Context.RequestAborted);
        if (key is null)
        {
            return null;
        }

        var kind = key.Role == AccessRoles.Integration
            ? await db.Integrations.AsNoTracking().Where(i => i.Id == key.Id).Select(i => i.Kind).FirstOrDefaultAsync(Context.RequestAborted)
            : null;
        var known = new KnownKey(key, kind);
        if (cacheFor > TimeSpan.Zero)
        {
            cache.Set(cacheKey, known, cacheFor);
        }

        return known;
    }

    private sealed record KnownKey(ApiKey Key, string? IntegrationKind);
}
