using System.Collections.Concurrent;
using System.Diagnostics;
using IncidentResponse.ServiceDefaults.Observability;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace IncidentResponse.ServiceDefaults.Tests;

/// <summary>Exported traces carry no secret from a URL: not an acknowledgement token in a request's path, not a webhook's path called out.</summary>
public sealed class TraceRedactionTests
{
    private const string Secret = "s3cr3t-token-in-the-path-0123456789";

    [Fact]
    public async Task A_secret_in_an_incoming_or_outgoing_URL_never_reaches_an_exporter_and_other_paths_stay()
    {
        var exported = new ConcurrentQueue<Activity>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9"; // tracing is on only with an exporter; nothing listens there
        builder.AddObservability();
        builder.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddProcessor(new SimpleActivityExportProcessor(new Recorder(exported))));
        builder.Services.AddHttpClient();
        await using var app = builder.Build();
        app.MapGet("/ack/{token}", (string token) => Results.Text("ok"));
        app.MapGet("/hooks/{token}", (string token) => Results.Text("received")); // the receiver, in this process too
        app.MapGet("/api/v1/incidents/{id}", async (string id, IHttpClientFactory clients, HttpContext http) =>
        {
            // The server calls out, as the webhook channel does, to an address whose path is its secret.
            using var called = await clients.CreateClient().GetAsync(new Uri($"{http.Request.Scheme}://{http.Request.Host}/hooks/{Secret}"), http.RequestAborted);
            return Results.Text(id);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(address) };

        Assert.Equal("ok", await client.GetStringAsync(new Uri($"/ack/{Secret}", UriKind.Relative), TestContext.Current.CancellationToken));
        Assert.Equal("incident-42", await client.GetStringAsync(new Uri("/api/v1/incidents/incident-42", UriKind.Relative), TestContext.Current.CancellationToken));
        await app.StopAsync(TestContext.Current.CancellationToken);
        app.Services.GetRequiredService<TracerProvider>().ForceFlush();

        var ours = exported.ToList();
        Assert.Contains(ours, a => a.Kind == ActivityKind.Server && a.GetTagItem("url.path") as string == "/ack/{token}");
        Assert.Contains(ours, a => a.Kind == ActivityKind.Server && a.GetTagItem("url.path") as string == "/api/v1/incidents/incident-42"); // no secret: as it was
        Assert.Contains(ours, a => a.Kind == ActivityKind.Client && (a.GetTagItem("url.full") as string)?.EndsWith("/…", StringComparison.Ordinal) == true);
        foreach (var activity in exported)
        {
            Assert.DoesNotContain(Secret, activity.DisplayName, StringComparison.Ordinal);
            Assert.All(activity.TagObjects, t => Assert.DoesNotContain(Secret, t.Value?.ToString() ?? "", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("ALTER ROLE \"ir_web\" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD 's3cr3t'", true)]
    [InlineData("create role x password 's3cr3t'", true)]
    [InlineData("SELECT u.id, u.password_hash FROM access.users AS u WHERE u.id = $1", false)]
    public void A_database_span_loses_its_connection_string_and_any_statement_that_sets_a_password(string sql, bool hidden)
    {
        using var source = new ActivitySource("Npgsql");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var span = source.StartActivity("postgresql", ActivityKind.Client)!;
        span.SetTag("db.query.text", sql);
        span.SetTag("db.npgsql.data_source", "Host=db;Database=ir;Username=ir_web;Maximum Pool Size=50");
        span.SetTag("db.namespace", "ir");

        new TraceRedaction().OnEnd(span);

        Assert.Null(span.GetTagItem("db.npgsql.data_source"));
        Assert.Equal("ir", span.GetTagItem("db.namespace"));
        Assert.Equal(hidden, !Equals(sql, span.GetTagItem("db.query.text")));
        Assert.DoesNotContain("s3cr3t", span.GetTagItem("db.query.text") as string ?? "", StringComparison.Ordinal);
    }

    private sealed class Recorder(ConcurrentQueue<Activity> into) : BaseExporter<Activity>
    {
        public override ExportResult Export(in Batch<Activity> batch)
        {
            foreach (var activity in batch)
            {
                into.Enqueue(activity);
            }

            return ExportResult.Success;
        }
    }
}
