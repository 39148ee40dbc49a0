namespace IncidentResponse.Access.SignIn;

/// <summary>The <c>Access:SignIn</c> configuration section: how the console's sign-in resists guessing and lockout abuse.</summary>
public sealed class SignInProtectionOptions
{
    public const string Section = "Access:SignIn";

    /// <summary>Sign-in form posts (password and code steps) one client address may make per <see cref="AttemptWindow"/>; more get 429.</summary>
    public int AttemptsPerAddress { get; set; } = 10;

    /// <summary>The window <see cref="AttemptsPerAddress"/> counts in.</summary>
    public TimeSpan AttemptWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Failed sign-ins of one login from one client address before that address may no longer try that login.</summary>
    public int MaxFailuresPerAddress { get; set; } = 5;

    /// <summary>How long a login stays closed to the address that failed too often (other addresses are not affected).</summary>
    public TimeSpan FailureLockout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>When true, a coordinator must sign in with a TOTP code and is sent to enrolment until they have one.</summary>
    public bool RequireTwoFactorForCoordinators { get; set; }

    /// <summary>
    /// How long a console session lasts from its sign-in however active it is: the cookie slides (8 h idle), but a
    /// stolen or forgotten session does not live for ever. Then the person signs in again.
    /// </summary>
    public TimeSpan MaxSessionAge { get; set; } = TimeSpan.FromHours(12);

    /// <summary>The issuer authenticator apps show beside the account.</summary>
    public string TwoFactorIssuer { get; set; } = "IncidentResponse";
}
