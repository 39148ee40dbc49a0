using Microsoft.Extensions.Logging;
using IncidentResponse.Notifications.Channels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IncidentResponse.Notifications.Tests.Support;

/// <summary>A host with only the notification channels registered, configured from a dictionary.</summary>
internal static class ChannelHost
{
    /// <summary>Small delays so retries take milliseconds, not seconds.</summary>
    public static Dictionary<string, string?> FastRetries(string channel, int maxRetries = 3) => new()
    {
        [$"Notifications:Resilience:{channel}:MaxRetries"] = maxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [$"Notifications:Resilience:{channel}:BaseDelay"] = "00:00:00.010",
        [$"Notifications:Resilience:{channel}:MaxDelay"] = "00:00:00.050",
        [$"Notifications:Resilience:{channel}:Timeout"] = "00:00:10",
    };

    public static IHost Build(IDictionary<string, string?> settings, TimeProvider? time = null, ILoggerProvider? log = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging(l =>
        {
            if (log is not null)
            {
                l.SetMinimumLevel(LogLevel.Trace).AddProvider(log);
            }
        });
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.AddNotificationChannels();
        return builder.Build();
    }

    public static IDeliverySender Sender(this IHost host) => host.Services.GetRequiredService<IDeliverySender>();

    public static INotificationChannel Channel(this IHost host, string name) =>
        host.Services.GetServices<INotificationChannel>().Single(c => c.Name == name);
}
