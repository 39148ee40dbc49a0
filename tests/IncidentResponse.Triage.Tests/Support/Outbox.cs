using System.Text.Json;
using IncidentResponse.ServiceDefaults.Outbox;
using IncidentResponse.Triage.Data;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Triage.Tests.Support;

/// <summary>The messages a test's triage database holds to publish, read back as their contracts.</summary>
public static class Outbox
{
    /// <summary>Every message of type <typeparamref name="T"/> in the outbox, in the order written.</summary>
    public static async Task<List<T>> ReadAsync<T>(TriageDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var type = typeof(T).FullName!;
        var rows = await db.OutboxMessages.AsNoTracking().Where(m => m.MessageType == type).ToListAsync(TestContext.Current.CancellationToken);
        return rows.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Select(m => JsonSerializer.Deserialize<T>(m.Body, OutboxSerializer.Options)!).ToList();
    }

    /// <summary>How many messages the outbox holds, of every type.</summary>
    public static Task<int> CountAsync(TriageDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.OutboxMessages.CountAsync(TestContext.Current.CancellationToken);
    }
}
