using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using IncidentResponse.ServiceDefaults.Observability.Prometheus;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace IncidentResponse.ServiceDefaults.Observability;

public static class ObservabilityExtensions
{
    /// <summary>
    /// Metrics of HTTP, MassTransit and the runtime and the Prometheus registry behind <c>/metrics</c>; with an OTLP
    /// endpoint configured, also traces of HTTP, MassTransit and PostgreSQL commands (Npgsql: each command's SQL as sent,
    /// parameters by placeholder, never their values), and both exported there. Without an endpoint no tracer is built:
    /// every span would have been made only to be dropped (about 1 % of the Host's CPU under load).
    /// </summary>
    public static IHostApplicationBuilder AddObservability(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Logging.AddConsole(o => o.FormatterName = builder.Configuration["Logging:Console:FormatterName"] ?? ReadableConsoleFormatter.FormatterName)
            .AddConsoleFormatter<ReadableConsoleFormatter, ConsoleFormatterOptions>();
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("incidentresponse", serviceInstanceId: Diagnostics.HostInstance.Name))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("MassTransit")
                .AddMeter(Metrics.MeterName));

        builder.Services.AddPrometheusMetrics();
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry
                .WithTracing(t => t
                    .AddProcessor(new TraceRedaction()) // first: before any exporter sees a span
                    .AddAspNetCoreInstrumentation(o => o.Filter = IsNotHealthProbe)
                    .AddHttpClientInstrumentation()
                    .AddSource("MassTransit")
                    .AddNpgsql())
                .UseOtlpExporter();
        }

        return builder;
    }

    private static bool IsNotHealthProbe(HttpContext context) =>
        !context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
}
