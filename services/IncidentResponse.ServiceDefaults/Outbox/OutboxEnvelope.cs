namespace IncidentResponse.ServiceDefaults.Outbox;

/// <summary>
/// An outbox row with the message it was written from, kept by the context that wrote it: once its
/// transaction commits, the row is handed to this Host's relay, which publishes the message as it is
/// (no read back, no deserialisation) and settles the row later, in one statement for many.
/// </summary>
internal sealed record OutboxEnvelope(OutboxMessage Row, object Message, Type Type);
