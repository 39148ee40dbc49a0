using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Prometheus;

namespace IncidentResponse.ServiceDefaults.Observability.Prometheus;

/// <summary>
/// <c>/metrics</c> in Prometheus text format with prometheus-net (stable), from this Host's own registry
/// (<see cref="HostMetrics"/>); see docs/metrics.md for the metrics and why not the OpenTelemetry exporter.
/// </summary>
public static class PrometheusExtensions
{
    public const string Path = "/metrics";

    /// <summary>The registry, the options, consumer durations and the loopback server (when configured).</summary>
    public static IServiceCollection AddPrometheusMetrics(this IServiceCollection services)
    {
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<HostMetrics>();
        services.TryAddSingleton<ConsumerMetrics>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, LoopbackMetricsServer>());
        return services;
    }

    /// <summary>A role's gauges read from its database (<see cref="IMetricsProbe"/>), refreshed by <see cref="MetricsRefresher"/>.</summary>
    public static IServiceCollection AddMetricsProbe<TProbe>(this IServiceCollection services)
        where TProbe : class, IMetricsProbe
    {
        services.AddPrometheusMetrics();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMetricsProbe, TProbe>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, MetricsRefresher>());
        return services;
    }

    /// <summary>A probe that is also a service of its own (the same instance records events and refreshes gauges).</summary>
    public static IServiceCollection AddMetricsProbe<TProbe>(this IServiceCollection services, Func<IServiceProvider, TProbe> instance)
        where TProbe : class, IMetricsProbe
    {
        services.AddPrometheusMetrics();
        services.AddSingleton<IMetricsProbe>(instance);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, MetricsRefresher>());
        return services;
    }

    /// <summary>HTTP request counts and durations by route pattern (<c>http_requests_received_total</c>, <c>http_request_duration_seconds</c>).</summary>
    public static WebApplication UseHttpRequestMetrics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var metrics = app.Services.GetRequiredService<HostMetrics>();
        app.UseHttpMetrics(o => o.SetMetricFactory(metrics.Factory));
        return app;
    }

    /// <summary><c>GET /metrics</c> on the Host's port for callers <paramref name="policy"/> admits, unless <see cref="MetricsOptions.OnHostPort"/> is off.</summary>
    public static IEndpointRouteBuilder MapPrometheusMetrics(this IEndpointRouteBuilder endpoints, string policy)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetRequiredService<IOptions<MetricsOptions>>().Value.OnHostPort)
        {
            var registry = endpoints.ServiceProvider.GetRequiredService<HostMetrics>().Registry;
            var exporter = endpoints.CreateApplicationBuilder()
                .UseMiddleware<MetricServerMiddleware>(new MetricServerMiddleware.Settings { Registry = registry })
                .Build();
            endpoints.MapGet(Path, exporter).RequireAuthorization(policy).ExcludeFromDescription();
        }

        return endpoints;
    }
}
