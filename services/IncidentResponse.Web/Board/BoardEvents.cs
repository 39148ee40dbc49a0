using System.Text;
using System.Text.Json;
using IncidentResponse.Access.ConsoleTokens;
using IncidentResponse.ServiceDefaults.Web;
using IncidentResponse.Web.Console;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Web.Board;

/// <summary>
/// <c>GET /board/events</c>: a server-sent event stream for signed-in readers of the board. Each change
/// heard on the bus becomes one <c>changed</c> event (changes arriving together are sent as one), a
/// comment line keeps the stream open every <see cref="BoardOptions.Heartbeat"/>, and the stream ends
/// when the browser goes away. It carries no incident details: the page refetches the board. A person
/// holds at most <see cref="BoardOptions.MaxStreamsPerPerson"/> streams, and each stream ends when a
/// periodic re-check (<see cref="BoardOptions.Reauthorize"/>) finds the account may no longer read.
/// </summary>
public static class BoardEvents
{
    public const string Path = "/board/events";

    public static IEndpointRouteBuilder MapBoardEvents(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(Path, StreamAsync).RequireAuthorization(ConsolePolicies.Read).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task StreamAsync(
        HttpContext http, BoardBroadcaster broadcaster, BoardListener listener, BoardStreams streams, ConsoleTokenService tokens, IOptions<BoardOptions> options, TimeProvider time)
    {
        using var place = streams.TryOpen(http.User, options.Value.MaxStreamsPerPerson);
        if (place is null)
        {
            http.Response.Headers.RetryAfter = "30";
            await Problems.Status(StatusCodes.Status429TooManyRequests, "Quá nhiều luồng bảng tin đang mở / Too many board streams open",
                $"Mỗi người mở tối đa {options.Value.MaxStreamsPerPerson} luồng; hãy đóng bớt thẻ / at most {options.Value.MaxStreamsPerPerson} per person; close a tab")
                .ExecuteAsync(http);
            return;
        }

        var cancel = http.RequestAborted;
        var recheckAt = time.GetUtcNow() + options.Value.Reauthorize;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache, no-store";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        using var subscription = broadcaster.Subscribe();
        try
        {
            using var watching = await listener.WatchAsync(cancel);
            await WriteAsync(http, "retry: 5000\n: connected\n\n", cancel);
            Task<bool>? waiting = null;
            while (!cancel.IsCancellationRequested)
            {
                waiting ??= subscription.Reader.WaitToReadAsync(cancel).AsTask();
                using var beat = CancellationTokenSource.CreateLinkedTokenSource(cancel);
                var untilCheck = recheckAt - time.GetUtcNow();
                var wait = untilCheck < options.Value.Heartbeat ? untilCheck : options.Value.Heartbeat;
                var delay = Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1), time, beat.Token);
                if (await Task.WhenAny(waiting, delay) == waiting)
                {
                    await beat.CancelAsync();
                    if (!await waiting)
                    {
                        return;
                    }

                    waiting = null;
                    var changes = new List<BoardChange>();
                    while (subscription.Reader.TryRead(out var change))
                    {
                        changes.Add(change);
                    }

                    if (changes.Count > 0)
                    {
                        await WriteAsync(http, Event(changes), cancel);
                    }
                }
                else
                {
                    await WriteAsync(http, ": heartbeat\n\n", cancel);
                }

                if (time.GetUtcNow() >= recheckAt)
                {
                    if (!await BoardStreams.MayStillReadAsync(http.User, tokens, cancel))
                    {
                        await WriteAsync(http, "event: ended\ndata: {}\n\n", cancel);
                        return;
                    }

                    recheckAt = time.GetUtcNow() + options.Value.Reauthorize;
                }
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The browser left: nothing more to send.
        }
        catch (IOException) when (cancel.IsCancellationRequested)
        {
            // The connection went away in the middle of a write.
        }
    }

    private static string Event(IReadOnlyList<BoardChange> changes)
    {
        var data = JsonSerializer.Serialize(new
        {
            kinds = changes.Select(c => c.Kind).Distinct().ToList(),
            incidents = changes.Select(c => c.IncidentId).Distinct().ToList(),

            // When this Host heard the last of them: the page's refetch names it, so a shared read older than it is not used.
            at = changes.Max(c => c.At).UtcDateTime,
        }, ConsoleApi.Json);
        return $"event: changed\ndata: {data}\n\n";
    }

    private static async Task WriteAsync(HttpContext http, string text, CancellationToken cancel)
    {
        await http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancel);
        await http.Response.Body.FlushAsync(cancel);
    }
}
