using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IncidentResponse.Testing;

/// <summary>One request as a receiver saw it.</summary>
public sealed record ReceivedRequest(int Number, IReadOnlyDictionary<string, string> Headers, byte[] Body);

/// <summary>A real Kestrel server on 127.0.0.1 and a free port that records every request and answers as told.</summary>
public sealed class HttpTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private int _hits;

    private HttpTestServer(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    public int Hits => Volatile.Read(ref _hits);

    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests];

    /// <summary>Starts a receiver; <paramref name="respond"/> writes the answer to the n-th request (from 1).</summary>
    public static async Task<HttpTestServer> StartAsync(Func<HttpContext, ReceivedRequest, Task> respond)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new HttpTestServer(app);
        app.Run(async context =>
        {
            var number = Interlocked.Increment(ref server._hits);
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var request = new ReceivedRequest(number, headers, body.ToArray());
            server._requests.Enqueue(request);
            await respond(context, request);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Address = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public static Task Answer(HttpContext context, int status, string body = "")
    {
        context.Response.StatusCode = status;
        return body.Length == 0 ? Task.CompletedTask : context.Response.WriteAsync(body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(quick.Token);
        await _app.DisposeAsync();
    }
}
