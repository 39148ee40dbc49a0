using IncidentResponse.ServiceDefaults.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace IncidentResponse.Notifications.Channels;

public static class ChannelsServiceCollectionExtensions
{
    private static readonly string[] ChannelNames = [EmailChannel.ChannelName, WebhookChannel.ChannelName, SmsChannel.ChannelName];

    /// <summary>
    /// Registers the e-mail, webhook and SMS channels, their options (<c>Notifications:Email</c>,
    /// <c>Notifications:Sms</c>, <c>Notifications:Resilience:&lt;channel&gt;</c>), the shared SMTP connection,
    /// the named HTTP clients and the resilient <see cref="IDeliverySender"/>.
    /// </summary>
    public static IHostApplicationBuilder AddNotificationChannels(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var dataDirectory = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>()?.DataDirectory ?? "data";

        services.AddOptions<EmailOptions>()
            .BindConfiguration(EmailOptions.Section)
            .PostConfigure(o => o.PickupDirectory = string.IsNullOrWhiteSpace(o.PickupDirectory)
                ? Path.Combine(dataDirectory, "mail-pickup")
                : o.PickupDirectory)
            .Validate(o => o.Mode != EmailMode.Smtp || !string.IsNullOrWhiteSpace(o.Host), "Notifications:Email:Host is required when Mode is Smtp.")
            .Validate(o => o.Port is > 0 and <= 65535, "Notifications:Email:Port must be between 1 and 65535.")
            .Validate(o => o.Connections is >= 1 and <= 64, "Notifications:Email:Connections must be between 1 and 64.")
            .ValidateOnStart();
        services.AddOptions<SmsOptions>()
            .BindConfiguration(SmsOptions.Section)
            .Validate(o => o.MaxLength >= 70, "Notifications:Sms:MaxLength must be at least 70.")
            .ValidateOnStart();
        foreach (var name in ChannelNames)
        {
            services.AddOptions<ResilienceOptions>(name).BindConfiguration($"{ResilienceOptions.Section}:{name}");
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SmtpConnections>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationChannel, EmailChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationChannel, WebhookChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationChannel, SmsChannel>());
        // A redirect would carry the configured headers (an SMS gateway's X-Api-Key …) to wherever it points: not followed.
        services.AddHttpClient(WebhookChannel.HttpClientName).ConfigurePrimaryHttpMessageHandler(NoRedirects);
        services.AddHttpClient(SmsChannel.HttpClientName).ConfigurePrimaryHttpMessageHandler(NoRedirects);
        services.TryAddSingleton<IDeliverySender, ResilientSender>();
        return builder;
    }

    private static HttpMessageHandler NoRedirects() => new SocketsHttpHandler { AllowAutoRedirect = false };
}
