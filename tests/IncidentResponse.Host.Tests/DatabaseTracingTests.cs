using System.Collections.Concurrent;
using System.Diagnostics;
using IncidentResponse.Contracts.Diagnostics;
using IncidentResponse.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace IncidentResponse.Host.Tests;

/// <summary>A Host on PostgreSQL traces its database commands (Npgsql) beside HTTP and messaging, without parameter values or credentials.</summary>
public sealed class DatabaseTracingTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task A_host_on_postgresql_traces_each_command_with_its_sql_and_no_parameter_values_or_password()
    {
        var name = TestNames.Unique("dbtracing");
        var deployment = new DistributedDeployment(await infrastructure.CreateVirtualHostAsync(name), await infrastructure.CreateDatabaseAsync(name));
        var exported = new ConcurrentQueue<Activity>();
        var answers = new ProbeAnswers();
        var collecting = PipelineSmokeTests.Collecting(answers);
        // An exporter's address is what turns tracing on; nothing listens there (the spans are read by the recorder).
        var exporting = new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9" };
        await using var host = await TestHost.StartAsync(deployment, roles: "intake", settings: exporting, customization: new()
        {
            ConfigureBuilder = b =>
            {
                collecting.ConfigureBuilder?.Invoke(b);
                b.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddProcessor(new SimpleActivityExportProcessor(new Recorder(exported))));
            },
            ConfigureBus = collecting.ConfigureBus,
        });
        var probe = new PipelineProbeRequested(Guid.NewGuid(), TimeProvider.System.GetUtcNow());

        // The probe's receipt is an INSERT with the probe's id as a parameter.
        await host.Services.GetRequiredService<IBus>().Publish(probe, TestContext.Current.CancellationToken);
        await Eventually.MatchesAsync(() => Task.FromResult(answers.Received.Count(a => a.ProbeId == probe.ProbeId && a.Service == "intake")), n => n == 1,
            TimeSpan.FromSeconds(20), "intake's answer");
        host.Services.GetRequiredService<TracerProvider>().ForceFlush();

        var commands = exported.Where(a => a.Source.Name == "Npgsql").ToList();
        Assert.NotEmpty(commands);
        Assert.All(commands, a =>
        {
            Assert.Equal(ActivityKind.Client, a.Kind);
            Assert.Equal("postgresql", a.GetTagItem("db.system.name") ?? a.GetTagItem("db.system")); // the newer semantic conventions first
        });
        var statements = commands.Select(a => (a.GetTagItem("db.query.text") ?? a.GetTagItem("db.statement")) as string).OfType<string>().ToList();
        Assert.Contains(statements, s => s.Contains("probe_receipts", StringComparison.Ordinal));
        var database = new NpgsqlConnectionStringBuilder(deployment.Postgres).Database!;
        Assert.Contains(commands, a => a.TagObjects.Any(t => t.Value?.ToString() == database)); // where it ran, by name
        foreach (var activity in commands)
        {
            // Npgsql tags its spans with the data source's connection string (password left out): the redaction takes it off.
            Assert.Null(activity.GetTagItem("db.connection_string"));
            Assert.Null(activity.GetTagItem("db.npgsql.data_source"));
            Assert.All(activity.TagObjects, t =>
            {
                Assert.DoesNotContain(probe.ProbeId.ToString(), t.Value?.ToString() ?? "", StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("Password=", t.Value?.ToString() ?? "", StringComparison.OrdinalIgnoreCase);
                Assert.False((t.Value?.ToString() ?? "").Contains("Username=", StringComparison.OrdinalIgnoreCase), $"tag {t.Key} names the connection string");
            });
        }
    }

    [Fact]
    public async Task A_host_without_an_exporter_builds_no_tracer()
    {
        using var data = new TempDirectory();
        var noExporter = new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "" }; // whatever this machine's environment says
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), roles: "intake", settings: noExporter);

        Assert.Null(host.Services.GetService<TracerProvider>()); // spans would be made only to be dropped
        Assert.NotNull(host.Services.GetService<OpenTelemetry.Metrics.MeterProvider>()); // /metrics is still served
    }

    private sealed class Recorder(ConcurrentQueue<Activity> into) : BaseExporter<Activity>
    {
        public override ExportResult Export(in OpenTelemetry.Batch<Activity> batch)
        {
            foreach (var activity in batch)
            {
                into.Enqueue(activity);
            }

            return ExportResult.Success;
        }
    }
}
