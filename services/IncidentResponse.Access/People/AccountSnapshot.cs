using System.Text.Encodings.Web;
using System.Text.Json;

namespace IncidentResponse.Access.People;

/// <summary>What the audit log keeps of an account before and after a change: never a password or its hash.</summary>
public static class AccountSnapshot
{
    /// <summary>
    /// Letters as they are: the default encoder writes every Vietnamese letter (and '+') as a six-character
    /// escape, and an account with its fields at their limits then overflowed the audit column (4,000).
    /// The text is only ever read as JSON and shown encoded, never put into HTML as it is.
    /// </summary>
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

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
            passwordChangeRequiredAt = user.PasswordChangeRequiredAt,
        }, Json);
    }
}
