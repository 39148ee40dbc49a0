using System.Text.Json;

namespace IncidentResponse.Access.People;

/// <summary>What the audit log keeps of an account before and after a change: never a password or its hash.</summary>
public static class AccountSnapshot
{
    public static string Of(ConsoleUser user, string? role)
    {
        ArgumentNullException.ThrowIfNull(user);
        return JsonSerializer.Serialize(new
        {
            userName = user.UserName,
            email = user.Email,
            displayName = user.DisplayName,
            role,
            unit = user.Unit,
            personId = user.PersonId,
            lockedUntil = user.LockoutEnd,
            disabledAt = user.DisabledAt,
        });
    }
}
