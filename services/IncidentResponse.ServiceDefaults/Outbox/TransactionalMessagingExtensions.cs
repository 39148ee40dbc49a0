using IncidentResponse.Contracts;
using IncidentResponse.ServiceDefaults.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.ServiceDefaults.Outbox;

/// <summary>The two calls a service needs: publish with its state change, and apply a message once.</summary>
public static class TransactionalMessagingExtensions
{
    /// <summary>Adds <paramref name="message"/> to the outbox; it is published after <c>SaveChanges</c> commits.</summary>
    public static void PublishAfterCommit<T>(this ServiceDbContext db, T message, DateTimeOffset now)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(message);
        if (typeof(T).Assembly != ContractsAssembly.Assembly)
        {
            throw new ArgumentException($"{typeof(T)} is not a contract message", nameof(message));
        }

        var row = new OutboxMessage
        {
            Id = RowIds.Next(),
            MessageType = typeof(T).FullName!,
            Body = OutboxSerializer.Serialize(message),
            CreatedAt = now,
        };
        db.OutboxMessages.Add(row);
        db.OutboxAdded.Add(new OutboxEnvelope(row, message, typeof(T)));
        db.OutboxWritten = true;
    }

    /// <summary>
    /// Records that <paramref name="consumer"/> applies this message. False when it already did:
    /// the caller then skips its effects. Saved with the caller's effects, in one transaction.
    /// </summary>
    public static async Task<bool> TryRecordFirstDeliveryAsync(
        this ServiceDbContext db, ConsumeContext context, string consumer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(context);
        var messageId = context.MessageId ?? throw new InvalidOperationException("message has no MessageId");
        return await db.TryRecordFirstDeliveryAsync(messageId, consumer, now, context.CancellationToken);
    }

    /// <summary>The same, by message id (for a consumer's core called without a bus, e.g. in tests).</summary>
    public static async Task<bool> TryRecordFirstDeliveryAsync(
        this ServiceDbContext db, Guid messageId, string consumer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.LocalWithoutDetecting<InboxEntry>().Any(e => e.Consumer == consumer && e.MessageId == messageId)
            || await db.InboxEntries.AnyAsync(e => e.Consumer == consumer && e.MessageId == messageId, cancellationToken))
        {
            return false;
        }

        db.InboxEntries.Add(new InboxEntry { Consumer = consumer, MessageId = messageId, ProcessedAt = now });
        return true;
    }
}
