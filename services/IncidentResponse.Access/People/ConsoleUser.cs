using Microsoft.AspNetCore.Identity;

namespace IncidentResponse.Access.People;

/// <summary>A person's login to the console (ASP.NET Core Identity). Machines use API keys instead.</summary>
public sealed class ConsoleUser : IdentityUser<Guid>
{
    /// <summary>How the person is shown (pages, timeline entries).</summary>
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>For a responder: the unit (directory code) the person acts for; null otherwise.</summary>
    public string? Unit { get; set; }

    /// <summary>The person's id in the partner directory (on-call schedules name people by it), if linked.</summary>
    public string? PersonId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set when an administrator disabled the account (it is also locked out for good).</summary>
    public DateTimeOffset? DisabledAt { get; set; }

    /// <summary>
    /// Set when someone else chose the password (generated for the first administrator, or set by a coordinator): the
    /// person gets no console page but <c>/account/password</c> until they choose their own, which clears it.
    /// </summary>
    public DateTimeOffset? PasswordChangeRequiredAt { get; set; }
}

/// <summary>A role row of Identity; the names are <see cref="Authorization.AccessRoles"/>.</summary>
public sealed class ConsoleRole : IdentityRole<Guid>
{
}
