using System.Collections.Concurrent;
using System.Security.Claims;
using IncidentResponse.Access.Authorization;
using IncidentResponse.Access.ConsoleTokens;

namespace IncidentResponse.Web.Board;

/// <summary>
/// The board's open event streams per person: at most <see cref="BoardOptions.MaxStreamsPerPerson"/> at
/// once, and each one re-checks its person's account every <see cref="BoardOptions.Reauthorize"/> (a
/// locked, disabled or demoted account, or one whose security stamp moved, loses its streams).
/// </summary>
public sealed class BoardStreams
{
    private readonly ConcurrentDictionary<string, int> _open = new(StringComparer.Ordinal);

    /// <summary>Takes a place for the person, or null when they already hold <paramref name="max"/> streams.</summary>
    public IDisposable? TryOpen(ClaimsPrincipal user, int max)
    {
        ArgumentNullException.ThrowIfNull(user);
        var person = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous";
        var taken = false;
        _open.AddOrUpdate(person, _ => { taken = max > 0; return taken ? 1 : 0; }, (_, count) =>
        {
            taken = count < max;
            return taken ? count + 1 : count;
        });
        return taken ? new Place(this, person) : null;
    }

    /// <summary>Whether the person behind the stream may still read the board, as their account is now.</summary>
    public static async Task<bool> MayStillReadAsync(ClaimsPrincipal user, ConsoleTokenService tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (tokens.IssueFor(user) is not { } token)
        {
            return false;
        }

        var (now, _) = await tokens.ValidateAsync(token, "board-stream", cancellationToken);
        return now is not null && (now.IsInRole(AccessRoles.Coordinator) || now.IsInRole(AccessRoles.Operator) || now.IsInRole(AccessRoles.Viewer));
    }

    private void Close(string person)
    {
        while (_open.TryGetValue(person, out var count))
        {
            if (count <= 1 ? _open.TryRemove(new KeyValuePair<string, int>(person, count)) : _open.TryUpdate(person, count - 1, count))
            {
                return;
            }
        }
    }

    private sealed class Place(BoardStreams streams, string person) : IDisposable
    {
        private int _closed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 0)
            {
                streams.Close(person);
            }
        }
    }
}
