namespace IncidentResponse.Notifications.Channels;

/// <summary>The <c>Notifications:Telegram</c> configuration section: a bot made with BotFather.</summary>
public sealed class TelegramOptions
{
    public const string Section = "Notifications:Telegram";

    /// <summary>The bot's token from BotFather. Without it every Telegram try fails permanently. Never logged.</summary>
    public string? BotToken { get; set; }

    /// <summary>The Bot API's address; a local Bot API server or a test stand-in may replace it.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://api.telegram.org/");

    /// <summary>
    /// The <c>secret_token</c> given to <c>setWebhook</c>: Telegram sends it in <c>X-Telegram-Bot-Api-Secret-Token</c>
    /// with every update, and updates without it are refused. Without it no button press is accepted.
    /// </summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Longest message text sent, in characters (Telegram's own limit is 4096).</summary>
    public int MaxLength { get; set; } = 4000;
}
