namespace IncidentResponse.Contracts.Vocabulary;

/// <summary>
/// The states of stuck work (<c>/api/v1/parked-work</c>): a deferred message is <see cref="Waiting"/> or
/// <see cref="Parked"/> (stored in <c>deferred_messages.state</c>), a quarantined outbox row is
/// <see cref="Quarantined"/>, and an item replayed and already gone is answered as <see cref="Done"/>.
/// </summary>
public static class ParkedWorkStates
{
    /// <summary>Sent back to its queue at its next attempt time.</summary>
    public const string Waiting = "waiting";

    /// <summary>Failed past the redelivery horizon: waits for a coordinator's replay or discard.</summary>
    public const string Parked = "parked";

    /// <summary>An outbox row the relay could not publish.</summary>
    public const string Quarantined = "quarantined";

    /// <summary>Replayed and no longer stored.</summary>
    public const string Done = "done";

    public static IReadOnlyList<string> All { get; } = [Waiting, Parked, Quarantined, Done];
}
