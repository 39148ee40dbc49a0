using IncidentResponse.Access.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace IncidentResponse.Access.SignIn;

/// <summary>
/// The password step of the console's sign-in. Every refusal looks the same to the caller — unknown
/// login, wrong password, account locked or disabled by an administrator, login closed to this address
/// after repeated failures — and costs the same: a password hash is always checked, against a stand-in
/// hash when there is no such account.
/// </summary>
public sealed partial class ConsoleSignIn(UserManager<ConsoleUser> users, SignInFailures failures, TimeProvider time, ILogger<ConsoleSignIn> logger)
{
    private static readonly Lazy<string> StandInHash = new(() =>
        new PasswordHasher<ConsoleUser>().HashPassword(new ConsoleUser(), PasswordRules.Generate()));

    /// <summary>The account when the password is right and the account may sign in from <paramref name="address"/>; null otherwise.</summary>
    public async Task<ConsoleUser?> CheckPasswordAsync(string? login, string? password, string address)
    {
        login = login?.Trim() ?? string.Empty;
        password ??= string.Empty;
        var user = login.Length == 0 ? null : await users.FindByEmailAsync(login) ?? await users.FindByNameAsync(login);
        bool right;
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new ConsoleUser(), StandInHash.Value, password);
            right = false;
        }
        else
        {
            right = password.Length > 0 && await users.CheckPasswordAsync(user, password);
        }

        var reason = user is null ? "unknown login"
            : failures.IsClosed(login, address) ? "too many failures from this address"
            : user.DisabledAt is not null ? "disabled"
            : user.LockoutEnd is { } end && end > time.GetUtcNow() ? "locked"
            : !right ? "wrong password"
            : null;
        if (reason is not null)
        {
            failures.RecordFailure(login, address);
            LogRefused(logger, user?.Id, address, reason);
            return null;
        }

        failures.Forget(login, address);
        return user;
    }

    /// <summary>Whether the account (reloaded) may still finish signing in: not disabled, not locked by an administrator.</summary>
    public bool MaySignIn(ConsoleUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.DisabledAt is null && !(user.LockoutEnd is { } end && end > time.GetUtcNow());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Console sign-in refused (user {UserId}, address {Address}): {Reason}")]
    private static partial void LogRefused(ILogger logger, Guid? userId, string address, string reason);
}
