using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace IncidentResponse.ServiceDefaults.Redrive;

public static class RedriveRegistration
{
    /// <summary>Runs <typeparamref name="T"/> in this Host (its loop) and makes it available to tests and endpoints.</summary>
    public static IServiceCollection AddRedrive<T>(this IServiceCollection services)
        where T : PeriodicRedrive
    {
        services.TryAddSingleton<RedriveClock>();
        services.AddSingleton<T>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<T>());
        return services;
    }
}
