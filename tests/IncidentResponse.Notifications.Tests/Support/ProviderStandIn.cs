using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IncidentResponse.Notifications.Tests.Support;

/// <summary>One request as a provider stand-in saw it: method, path with query, headers and body.</summary>
public sealed record ProviderRequest(int Number, string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>
/// A provider (Telegram Bot API, Zalo OpenAPI, a voice gateway) stood in for by a Kestrel server on 127.0.0.1 that
/// records every request and answers as the test says, as the provider documents its answers.
/// </summary>
public sealed class ProviderStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ProviderRequest> _requests = new();
    private int _hits;

    private ProviderStandIn(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    public IReadOnlyList<ProviderRequest> Requests => [.. _requests];

    public IReadOnlyList<ProviderRequest> To(string pathEnd) => Requests.Where(r => r.Path.EndsWith(pathEnd, StringComparison.Ordinal)).ToList();

    /// <summary>Starts a stand-in; <paramref name="respond"/> gives the status and JSON body of each request.</summary>
    public static async Task<ProviderStandIn> StartAsync(Func<ProviderRequest, (int Status, string Body)> respond)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new ProviderStandIn(app);
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var request = new ProviderRequest(Interlocked.Increment(ref server._hits), context.Request.Method, context.Request.Path.Value ?? "",
                context.Request.QueryString.Value ?? "", headers, body);
            server._requests.Enqueue(request);
            var (status, answer) = respond(request);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(answer, context.RequestAborted);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Address = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(quick.Token);
        await _app.DisposeAsync();
    }
}
