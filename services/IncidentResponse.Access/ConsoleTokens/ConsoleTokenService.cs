using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using IncidentResponse.Access.ApiKeys;
using IncidentResponse.Access.Authorization;
using IncidentResponse.Access.Data;
using IncidentResponse.Contracts.Vocabulary;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Access.ConsoleTokens;

/// <summary>
/// Short-lived bearer tokens (<c>ct.…</c>) with which the console calls the JSON API as the
/// logged-in person. The payload (user id, security stamp, expiry) is protected with the shared
/// Data Protection key ring, so any Host validates any Host's token. Claims come from the account
/// as it is now: a locked, disabled or changed account (its security stamp moves) stops its tokens.
/// </summary>
public sealed class ConsoleTokenService(
    IDataProtectionProvider protection,
    AccessDbContext db,
    IMemoryCache cache,
    IOptions<ApiKeyOptions> options,
    TimeProvider time)
{
    public const string Prefix = "ct.";
    private const string Purpose = "IncidentResponse.Access.ConsoleToken.v1";
    private const string SecurityStampClaim = "AspNet.Identity.SecurityStamp";

    private readonly IDataProtector protector = protection.CreateProtector(Purpose);

    /// <summary>A token for the person signed in with the console's cookie; null when the principal is not one.</summary>
    public string? IssueFor(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) || user.FindFirstValue(SecurityStampClaim) is not { } stamp)
        {
            return null;
        }

        return Issue(id, stamp, time.GetUtcNow() + options.Value.ConsoleTokenLifetime);
    }

    public string Issue(Guid userId, string securityStamp, DateTimeOffset expiresAt)
    {
        var payload = JsonSerializer.Serialize(new Payload(userId, securityStamp, expiresAt.ToUnixTimeSeconds()));
        return Prefix + protector.Protect(payload);
    }

    /// <summary>The caller's identity, or the reason the token is refused.</summary>
    public async Task<(ClaimsPrincipal? User, string? Refusal)> ValidateAsync(string token, string scheme, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (!token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return (null, "not a console token");
        }

        Payload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<Payload>(protector.Unprotect(token[Prefix.Length..]));
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException or FormatException)
        {
            return (null, "console token is not valid");
        }

        if (payload is null || DateTimeOffset.FromUnixTimeSeconds(payload.Expires) <= time.GetUtcNow())
        {
            return (null, "console token expired");
        }

        var account = await FindAsync(payload.User, cancellationToken);
        if (account is null || account.Stamp != payload.Stamp || account.Role is null)
        {
            return (null, "console token no longer matches its account");
        }

        if (account.DisabledAt is not null || (account.LockoutEnd is { } until && until > time.GetUtcNow()))
        {
            return (null, "account locked or disabled");
        }

        List<Claim> claims =
        [
            new Claim(ClaimTypes.NameIdentifier, "user:" + payload.User.ToString("N")),
            new Claim(ClaimTypes.Name, account.Name),
            new Claim(ClaimTypes.Role, account.Role),
            new Claim(AccessClaims.Channel, ReportChannels.Web),
        ];
        if (account.Role == AccessRoles.Responder && account.Unit is { } unit)
        {
            claims.Add(new Claim(AccessClaims.Unit, unit));
        }

        return (new ClaimsPrincipal(new ClaimsIdentity(claims, scheme)), null);
    }

    private async Task<Account?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var cacheFor = options.Value.ApiKeyCacheDuration;
        if (cacheFor <= TimeSpan.Zero)
        {
            return await LoadAsync(id, cancellationToken);
        }

        return await cache.GetOrCreateAsync("console-user:" + id.ToString("N"), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(Math.Min(cacheFor.TotalSeconds, 5));
            return await LoadAsync(id, cancellationToken);
        });
    }

    private async Task<Account?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return null;
        }

        var role = await (from ur in db.Set<IdentityUserRole<Guid>>()
                          join r in db.Roles on ur.RoleId equals r.Id
                          where ur.UserId == id
                          select r.Name).FirstOrDefaultAsync(cancellationToken);
        return new Account(user.DisplayName.Length > 0 ? user.DisplayName : user.UserName ?? id.ToString("N"), user.SecurityStamp, role, user.Unit, user.DisabledAt, user.LockoutEnd);
    }

    private sealed record Payload(Guid User, string Stamp, long Expires);

    private sealed record Account(string Name, string? Stamp, string? Role, string? Unit, DateTimeOffset? DisabledAt, DateTimeOffset? LockoutEnd);
}
