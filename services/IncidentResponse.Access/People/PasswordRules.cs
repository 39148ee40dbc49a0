using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace IncidentResponse.Access.People;

/// <summary>Password and lockout rules of console logins: long passwords rather than composition rules; lockout after repeated failures.</summary>
public static class PasswordRules
{
    public const int MinimumLength = 12;
    public const int MaxFailedAttempts = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    /// <summary>The lockout end of an account an administrator locked or disabled (until unlocked; storable on both providers).</summary>
    public static readonly DateTimeOffset LockedForGood = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    internal static void Apply(IdentityOptions options)
    {
        options.Password.RequiredLength = MinimumLength;
        options.Password.RequiredUniqueChars = 5;
        options.Password.RequireDigit = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = MaxFailedAttempts;
        options.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
        options.User.RequireUniqueEmail = false;
        options.SignIn.RequireConfirmedAccount = false;
    }

    /// <summary>A random password of 20 characters from an unambiguous alphabet (about 116 bits).</summary>
    public static string Generate()
    {
        var chars = RandomNumberGenerator.GetItems<char>(Alphabet, 20);
        return new string(chars);
    }
}
