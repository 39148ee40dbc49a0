using System.Security.Claims;
using IncidentResponse.Access.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Access.People;

/// <summary>The console cookie's claims: Identity's (id, name, roles, security stamp), the display name, a responder's unit, and whether the password must be changed.</summary>
public sealed class ConsoleUserClaimsFactory(UserManager<ConsoleUser> users, RoleManager<ConsoleRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ConsoleUser, ConsoleRole>(users, roles, options)
{
    public const string DisplayNameClaim = "ir:display";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ConsoleUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayNameClaim, user.DisplayName.Length > 0 ? user.DisplayName : user.UserName ?? string.Empty));
        if (user.Unit is { Length: > 0 } unit)
        {
            identity.AddClaim(new Claim(AccessClaims.Unit, unit));
        }

        if (user.PersonId is { Length: > 0 } person)
        {
            identity.AddClaim(new Claim(AccessClaims.Person, person));
        }

        if (user.PasswordChangeRequiredAt is not null)
        {
            identity.AddClaim(new Claim(AccessClaims.MustChangePassword, "true"));
        }

        return identity;
    }
}
