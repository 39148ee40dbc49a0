using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Triage.Timeline.Sealing;

public static class TimelineSealingServices
{
    /// <summary>The timeline key ring, the checkpoint file and the loop that writes it.</summary>
    public static IServiceCollection AddTimelineSealing(this IServiceCollection services)
    {
        services.AddOptions<TimelineKeyOptions>().BindConfiguration(TimelineKeyOptions.Section);
        services.AddOptions<TimelineCheckpointOptions>().BindConfiguration(TimelineCheckpointOptions.Section)
            .Validate(o => o.CheckpointInterval > TimeSpan.Zero, "Timeline:CheckpointInterval must be positive").ValidateOnStart();
        services.AddSingleton(sp => TimelineKeyRing.FromConfiguration(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<TimelineKeyOptions>>(),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ServiceDefaults.Data.DatabaseOptions>>(),
            sp.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()));
        services.AddSingleton<TimelineCheckpointLog>();
        services.AddSingleton<TimelineCheckpointer>();
        services.AddHostedService<TimelineCheckpointLoop>();
        return services;
    }
}
