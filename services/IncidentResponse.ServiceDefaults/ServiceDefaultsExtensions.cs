using IncidentResponse.ServiceDefaults.Diagnostics;
using IncidentResponse.ServiceDefaults.Health;
using IncidentResponse.ServiceDefaults.Observability;
using IncidentResponse.ServiceDefaults.Outbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace IncidentResponse.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    /// <summary>What every Host has whatever its roles: the clock, its identity, telemetry, health checks, outbox settings.</summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton(HostIdentity.From(builder.Configuration));
        builder.Services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section);
        builder.Services.AddOptions<Committee.CommitteeOptions>().BindConfiguration(Committee.CommitteeOptions.Section)
            .Validate(o => o.HotlineIsValid, $"Committee:Hotline must be one telephone number of at most {Committee.CommitteeOptions.MaxHotline} characters: digits grouped by spaces, dots or hyphens, an optional leading +")
            .ValidateOnStart();
        builder.Services.AddDefaultHealthChecks();
        builder.Services.TryAddSingleton<Security.LinkSigner>();
        builder.AddObservability();
        return builder;
    }
}
