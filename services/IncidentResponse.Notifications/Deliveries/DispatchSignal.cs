using System.Collections.Concurrent;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Configuration;
using IncidentResponse.ServiceDefaults;
using IncidentResponse.ServiceDefaults.Diagnostics;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Notifications.Deliveries;

/// <summary>
/// Wakes the notification dispatcher as soon as this process commits new work, and hands it, in memory, the
/// notifications a routing batch of this Host committed already claimed for it (<see cref="Claim"/>,
/// <see cref="HandOver"/>). Those cost no claim statement and no second write of each row; they are in the database,
/// claimed with the dispatcher's lease, so a Host that dies before sending them leaves them to the next claim after the
/// lease (or to its own restart at once), exactly like notifications it had claimed itself. <see cref="Notify"/> says
/// that unclaimed work was committed, so the dispatcher's next pass claims from the database; a hand-over alone does not.
/// </summary>
public sealed class DispatchSignal(TimeProvider time, HostIdentity identity, IOptions<NotificationsOptions> options) : WakeSignal(time)
{
    private readonly ConcurrentQueue<Notification> _handedOver = new();
    private int _committed = 1; // a starting dispatcher looks in the database

    /// <summary>Who this Host's claims name (the dispatcher's and the hand-over's are one).</summary>
    public string Owner { get; } = identity.ClaimOwner.Length <= 100 ? identity.ClaimOwner : identity.ClaimOwner[..100];

    /// <summary>Unclaimed work was committed: the dispatcher's next pass claims from the database.</summary>
    public override void Notify()
    {
        Volatile.Write(ref _committed, 1);
        base.Notify();
    }

    /// <summary>True once after <see cref="Notify"/> (or at start): the database has work this Host was told of.</summary>
    public bool TakeCommitted() => Interlocked.Exchange(ref _committed, 0) == 1;

    /// <summary>Claims a notification about to be inserted for this Host's dispatcher, with its lease from <paramref name="now"/>.</summary>
    public void Claim(Notification notification, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(notification);
        notification.ClaimedBy = Owner;
        notification.ClaimedUntil = now + options.Value.DispatchLease;
    }

    /// <summary>
    /// Hands the committed notifications this Host claimed (<see cref="Claim"/>) to its dispatcher; others are ignored.
    /// The dispatcher reads the incidents as they are when it starts the sends, as for notifications it claimed itself:
    /// a state applied meanwhile (a TLP raised) still governs what is sent.
    /// </summary>
    public void HandOver(IEnumerable<Notification> notifications)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        var any = false;
        foreach (var notification in notifications.Where(n => n.Status == NotificationStatus.Pending && n.ClaimedBy == Owner))
        {
            _handedOver.Enqueue(notification);
            any = true;
        }

        if (any)
        {
            base.Notify();
        }
    }

    /// <summary>Takes up to <paramref name="limit"/> notifications handed over, oldest first.</summary>
    public List<Notification> TakeHandedOver(int limit)
    {
        var taken = new List<Notification>();
        while (taken.Count < limit && _handedOver.TryDequeue(out var next))
        {
            taken.Add(next);
        }

        return taken;
    }
}
