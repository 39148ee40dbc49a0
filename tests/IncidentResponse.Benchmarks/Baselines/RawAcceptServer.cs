using System.Net;
using IncidentResponse.Benchmarks.Ingest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IncidentResponse.Benchmarks.Baselines;

/// <summary>
/// B1's endpoint: minimal ASP.NET Core (Kestrel, in this process) at the same path, taking the same JSON
/// body and bearer key, answering 202 once the group-committed INSERT holds the report.
/// </summary>
public sealed class RawAcceptServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RawAcceptServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<RawAcceptServer> StartAsync(GroupCommitWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost("/api/v1/reports", async (HttpRequest request) =>
        {
            if (request.Headers.Authorization.Count == 0)
            {
                return Microsoft.AspNetCore.Http.Results.Unauthorized();
            }

            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            var at = body.IndexOf(ReportLoad.TokenPrefix, StringComparison.Ordinal);
            if (at < 0 || at + ReportLoad.TokenLength > body.Length)
            {
                return Microsoft.AspNetCore.Http.Results.BadRequest();
            }

            await writer.StoreAsync(ReportLoad.TokenOf(body, at), body);
            return Microsoft.AspNetCore.Http.Results.Accepted();
        });
        await app.StartAsync();
        var address = app.Urls.First();
        return new RawAcceptServer(app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
