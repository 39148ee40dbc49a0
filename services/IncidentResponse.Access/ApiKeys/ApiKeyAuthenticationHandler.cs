using System.Security.Claims;
using System.Text.Encodings.Web;
using IncidentResponse.Access.Authorization;
using IncidentResponse.Access.ConsoleTokens;
using IncidentResponse.Access.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Access.ApiKeys;

/// <summary>
/// <c>Authorization: Bearer &lt;key&gt;</c>. Keys are looked up by hash and cached briefly, so a
/// revoked key stops working within <see cref="ApiKeyOptions.ApiKeyCacheDuration"/>.
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
        var cacheFor = keyOptions.Value.ApiKeyCacheDuration;
        var found = cacheFor <= TimeSpan.Zero
            ? await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.KeyHash == hash, Context.RequestAborted)
            : await cache.GetOrCreateAsync("apikey:" + hash, async entry =>
            {
                entry.AbsoluteExpirationRelativeToNow = cacheFor;
                return await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.KeyHash == hash, Context.RequestAborted);
            });
        if (found is null || (found.RevokedAt is { } revoked && revoked <= time.GetUtcNow()))
        {
            return AuthenticateResult.Fail("unknown or revoked API key");
        }

        List<Claim> claims =
        [
            new Claim(ClaimTypes.NameIdentifier, "apikey:" + found.Id),
            new Claim(ClaimTypes.Name, found.Name),
            new Claim(ClaimTypes.Role, found.Role),
            new Claim(AccessClaims.Channel, "api"),
        ];
        if (found.Unit is { } unit)
        {
            claims.Add(new Claim(AccessClaims.Unit, unit));
        }

        var identity = new ClaimsIdentity(claims, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
