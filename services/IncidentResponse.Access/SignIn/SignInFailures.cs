using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Access.SignIn;

/// <summary>
/// Failed sign-ins counted per (login as typed, client address), never per account: an outsider who
/// guesses wrong from one address closes that login to that address only, so a coordinator signing in
/// from anywhere else is not locked out. Unknown logins are counted exactly like known ones (no oracle).
/// Kept in memory, bounded, per Host.
/// </summary>
public sealed class SignInFailures(IOptions<SignInProtectionOptions> options, TimeProvider time) : IDisposable
{
    /// <summary>At most this many (login, address) pairs are remembered; beyond it new pairs are not tracked (the per-address rate limit still applies).</summary>
    public const int MaxTrackedPairs = 100_000;

    private readonly MemoryCache pairs = new(new MemoryCacheOptions { SizeLimit = MaxTrackedPairs });

    private SignInProtectionOptions Options => options.Value;

    /// <summary>Whether <paramref name="login"/> is closed to <paramref name="address"/> now.</summary>
    public bool IsClosed(string login, string address) =>
        pairs.TryGetValue(Key(login, address), out Tally? tally) && tally!.ClosedUntil > time.GetUtcNow();

    public void RecordFailure(string login, string address)
    {
        var now = time.GetUtcNow();
        var key = Key(login, address);
        var tally = pairs.GetOrCreate(key, entry =>
        {
            entry.Size = 1;
            entry.SlidingExpiration = Options.FailureLockout;
            return new Tally();
        })!;
        lock (tally)
        {
            if (tally.ClosedUntil is { } until && until <= now)
            {
                tally.Failures = 0;
                tally.ClosedUntil = null;
            }

            tally.Failures++;
            if (tally.Failures >= Options.MaxFailuresPerAddress)
            {
                tally.ClosedUntil = now + Options.FailureLockout;
            }
        }
    }

    /// <summary>A successful sign-in forgets the pair's failures.</summary>
    public void Forget(string login, string address) => pairs.Remove(Key(login, address));

    public void Dispose() => pairs.Dispose();

    private static string Key(string login, string address) => login.Trim().ToUpperInvariant() + "\n" + address;

    private sealed class Tally
    {
        public int Failures { get; set; }

        public DateTimeOffset? ClosedUntil { get; set; }
    }
}
