using IncidentResponse.ServiceDefaults.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Notifications.Channels;

public static class ChannelsServiceCollectionExtensions
{
    private static readonly string[] ChannelNames = [EmailChannel.ChannelName, WebhookChannel.ChannelName, SmsChannel.ChannelName, TelegramChannel.ChannelName, VoiceChannel.ChannelName, ZaloChannel.ChannelName, ZnsChannel.ChannelName];

    /// <summary>
    /// Registers the e-mail, webhook, SMS, Telegram, Zalo and voice channels, their options (<c>Notifications:Email</c>,
    /// <c>Notifications:Sms</c>, <c>Notifications:Telegram</c>, <c>Notifications:Zalo</c>, <c>Notifications:Voice</c>, <c>Notifications:Resilience:&lt;channel&gt;</c>), the shared SMTP connection,
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
        services.AddOptions<TelegramOptions>()
            .BindConfiguration(TelegramOptions.Section)
            .Validate(o => o.MaxLength is >= 200 and <= 4096, "Notifications:Telegram:MaxLength must be between 200 and 4096.")
            .ValidateOnStart();
        services.AddOptions<ZaloOptions>()
            .BindConfiguration(ZaloOptions.Section)
            .Validate(o => o.MaxLength is >= 200 and <= 2000, "Notifications:Zalo:MaxLength must be between 200 and 2000.")
            .ValidateOnStart();
        services.AddOptions<VoiceOptions>()
            .BindConfiguration(VoiceOptions.Section)
            .Validate(o => o.CallbackTolerance > TimeSpan.Zero, "Notifications:Voice:CallbackTolerance must be positive.")
            .ValidateOnStart();
        foreach (var name in ChannelNames)
        {
            var resilience = services.AddOptions<ResilienceOptions>(name);
            if (name == VoiceChannel.ChannelName)
            {
                // A call rings for up to a minute or two before the gateway answers; an unanswered one is tried once more, later.
                resilience.Configure(o => (o.MaxRetries, o.BaseDelay, o.MaxDelay, o.Timeout) = (1, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(2)));
            }

            resilience.BindConfiguration($"{ResilienceOptions.Section}:{name}").ValidateOnStart();
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ResilienceOptions>, ResilienceOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SmtpConnections>();
        services.TryAddSingleton<ActionTokens>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationChannel, EmailChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationChannel, WebhookChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationChannel, SmsChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationChannel, TelegramChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationChannel, VoiceChannel>());
        // Tokens at rest are encrypted with the key ring every Host shares (the Access module persists and protects it).
        services.AddDataProtection();
        services.TryAddSingleton<ProviderTokenSecrets>();
        services.TryAddSingleton<ZaloTokens>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationChannel, ZaloChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationChannel, ZnsChannel>());
        // A redirect would carry the configured headers (an SMS gateway's X-Api-Key …) to wherever it points: not followed.
        // A channel's address can hold its secret (a webhook's path is its token, the bot token is part of every Bot API URL):
        // these clients log no URLs; each try is recorded as a delivery attempt with the address masked.
        foreach (var client in (string[])[WebhookChannel.HttpClientName, SmsChannel.HttpClientName, VoiceChannel.HttpClientName, ZaloTokens.HttpClientName,
            TelegramChannel.HttpClientName])
        {
            services.AddHttpClient(client).ConfigurePrimaryHttpMessageHandler(NoRedirects).RemoveAllLoggers();
        }
        services.TryAddSingleton<IDeliverySender, ResilientSender>();
        return builder;
    }

    private static HttpMessageHandler NoRedirects() => new SocketsHttpHandler { AllowAutoRedirect = false };
}
