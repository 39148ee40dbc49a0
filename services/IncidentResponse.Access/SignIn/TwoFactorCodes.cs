using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using IncidentResponse.Access.Data;
using IncidentResponse.Access.People;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OtpNet;

namespace IncidentResponse.Access.SignIn;

/// <summary>What a person copies into an authenticator app: the <c>otpauth://</c> address and the same secret as base32 text.</summary>
public sealed record TotpSetup(string Uri, string Secret);

/// <summary>
/// TOTP (RFC 6238: SHA-1, six digits, 30-second steps) for console sign-in: enrolment confirmed with a
/// code, codes accepted one step either side of now (by the injected clock), each time step at most once,
/// and single-use recovery codes kept as hashes. Secrets are stored protected with Data Protection.
/// </summary>
public sealed class TwoFactorCodes(AccessDbContext db, IDataProtectionProvider protection, TimeProvider time, IOptions<SignInProtectionOptions> options)
{
    public const string Purpose = "IncidentResponse.Access.SignIn.Totp.v1";
    public const int RecoveryCodeCount = 8;
    private const string RecoveryAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    private readonly IDataProtector protector = protection.CreateProtector(Purpose);

    public Task<bool> IsEnrolledAsync(Guid userId, CancellationToken cancel) =>
        db.Set<TotpEnrolment>().AnyAsync(e => e.UserId == userId && e.ConfirmedAt != null, cancel);

    /// <summary>The secret being set up (made on first call, kept until confirmed); null when the person is already enrolled.</summary>
    public async Task<TotpSetup?> SetupAsync(ConsoleUser user, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(user);
        var enrolment = await db.Set<TotpEnrolment>().FirstOrDefaultAsync(e => e.UserId == user.Id, cancel);
        if (enrolment?.ConfirmedAt is not null)
        {
            return null;
        }

        if (enrolment is null)
        {
            enrolment = new TotpEnrolment
            {
                UserId = user.Id,
                ProtectedSecret = protector.Protect(Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20))),
                CreatedAt = time.GetUtcNow(),
            };
            db.Add(enrolment);
            await db.SaveChangesAsync(cancel);
        }

        var secret = protector.Unprotect(enrolment.ProtectedSecret);
        return new TotpSetup(OtpAuthUri(user, secret), secret);
    }

    /// <summary>Confirms the secret being set up with a code from the app; the recovery codes (shown once), or null when the code is wrong.</summary>
    public async Task<IReadOnlyList<string>?> ConfirmAsync(ConsoleUser user, string? code, ClaimsPrincipal actor, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(user);
        var enrolment = await db.Set<TotpEnrolment>().FirstOrDefaultAsync(e => e.UserId == user.Id && e.ConfirmedAt == null, cancel);
        if (enrolment is null || MatchingStep(enrolment, code) is not { } step)
        {
            return null;
        }

        var recovery = Enumerable.Range(0, RecoveryCodeCount).Select(_ => new string(RandomNumberGenerator.GetItems<char>(RecoveryAlphabet, 10))).ToList();
        enrolment.ConfirmedAt = time.GetUtcNow();
        enrolment.LastUsedStep = step;
        enrolment.RecoveryCodeHashes = string.Join(' ', recovery.Select(Hash));
        db.Record(actor, time, "user.two-factor-enrolled", Subject(user.Id), null, null);
        await db.SaveChangesAsync(cancel);
        return recovery;
    }

    /// <summary>Checks a sign-in code (TOTP or recovery code) of an enrolled person and uses it up.</summary>
    public async Task<bool> VerifyAsync(Guid userId, string? code, CancellationToken cancel)
    {
        var enrolment = await db.Set<TotpEnrolment>().FirstOrDefaultAsync(e => e.UserId == userId && e.ConfirmedAt != null, cancel);
        if (enrolment is null || string.IsNullOrWhiteSpace(code))
        {
            return false;
        }

        if (MatchingStep(enrolment, code) is { } step)
        {
            enrolment.LastUsedStep = step;
        }
        else if (!UseRecoveryCode(enrolment, code))
        {
            return false;
        }

        try
        {
            await db.SaveChangesAsync(cancel);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false; // the same code (or step) was used at the same moment by another request
        }
    }

    /// <summary>Removes a person's authenticator (lost phone): an administrator's action, audited; the person enrols again.</summary>
    public async Task<bool> RemoveAsync(Guid userId, ClaimsPrincipal actor, CancellationToken cancel)
    {
        var enrolment = await db.Set<TotpEnrolment>().FirstOrDefaultAsync(e => e.UserId == userId, cancel);
        if (enrolment is null)
        {
            return false;
        }

        db.Remove(enrolment);
        db.Record(actor, time, "user.two-factor-removed", Subject(userId), null, null);
        await db.SaveChangesAsync(cancel);
        return true;
    }

    private long? MatchingStep(TotpEnrolment enrolment, string? code)
    {
        var digits = code?.Replace(" ", string.Empty, StringComparison.Ordinal).Trim();
        if (digits is not { Length: 6 } || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }

        var totp = new Totp(Base32Encoding.ToBytes(protector.Unprotect(enrolment.ProtectedSecret)));
        return totp.VerifyTotp(time.GetUtcNow().UtcDateTime, digits, out var step, new VerificationWindow(previous: 1, future: 1))
            && step > enrolment.LastUsedStep ? step : null;
    }

    private static bool UseRecoveryCode(TotpEnrolment enrolment, string code)
    {
        var hash = Hash(code.Trim().ToLowerInvariant().Replace("-", string.Empty, StringComparison.Ordinal));
        var hashes = enrolment.RecoveryCodeHashes.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (!hashes.Remove(hash))
        {
            return false;
        }

        enrolment.RecoveryCodeHashes = string.Join(' ', hashes); // a concurrency token: two requests cannot spend the same code
        return true;
    }

    private string OtpAuthUri(ConsoleUser user, string secret)
    {
        var issuer = Uri.EscapeDataString(options.Value.TwoFactorIssuer);
        var account = Uri.EscapeDataString(user.UserName ?? user.Email ?? user.Id.ToString());
        return string.Create(CultureInfo.InvariantCulture, $"otpauth://totp/{issuer}:{account}?secret={secret}&issuer={issuer}&algorithm=SHA1&digits=6&period=30");
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Subject(Guid userId) => $"user:{userId:N}";
}
