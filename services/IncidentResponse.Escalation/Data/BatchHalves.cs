using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Escalation.Data;

/// <summary>
/// Applies a batch of messages in one transaction, and when that fails, its halves each in their own (and their
/// halves, down to single messages): a message that cannot be applied fails alone, and the others are committed.
/// </summary>
public static class BatchHalves
{
    /// <summary>
    /// What the parts that were committed returned, and the first failure of a single item (null when none failed).
    /// The caller acts on the results, then rethrows the failure, so the messages are delivered again (those
    /// committed change nothing the second time).
    /// </summary>
    public static async Task<(List<TResult> Done, Exception? Failure)> ApplyAsync<TItem, TResult>(
        DbContext db, IReadOnlyList<TItem> items, Func<IReadOnlyList<TItem>, Task<IReadOnlyCollection<TResult>>> apply)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(apply);
        var done = new List<TResult>();
        Exception? failure = null;
        var parts = new Stack<IReadOnlyList<TItem>>();
        parts.Push(items);
        while (parts.TryPop(out var part))
        {
            if (part.Count == 0)
            {
                continue;
            }

            try
            {
                done.AddRange(await apply(part));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                db.ChangeTracker.Clear();
                if (part.Count == 1)
                {
                    failure ??= ex;
                    continue;
                }

                var half = part.Count / 2;
                parts.Push([.. part.Skip(half)]);
                parts.Push([.. part.Take(half)]);
            }
        }

        return (done, failure);
    }
}
