using System.Buffers.Text;
using IncidentResponse.Notifications.Configuration;
using IncidentResponse.ServiceDefaults.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Notifications.Channels;

/// <summary>What a button or key in a chat or call asks for.</summary>
public enum ChatAction
{
    Acknowledge,
    Accept,
    Decline,
}

/// <summary>A checked action token: the action and notification it names, or why it is refused.</summary>
public sealed record ActionTokenCheck(ChatAction Action, Guid NotificationId, string? Refusal)
{
    public bool Valid => Refusal is null;
}

/// <summary>
/// Short signed tokens for the buttons of chat messages and the callbacks of calls: one action on one notification,
/// signed with the acknowledgement links' key (<see cref="LinkSigner"/>), expiring with them. At most 62 characters, so
/// a token fits in Telegram's 64-byte <c>callback_data</c>. A token proves which notice it came from; that it works once
/// is the notification's and engagement's state (<c>EngagementActions</c>), checked when it is used.
/// </summary>
public sealed class ActionTokens(IServiceProvider services, IOptions<NotificationsOptions> options)
{
    public const string Purpose = "chat-action";

    // Resolved when first used: hosts that register only the channels (tests) need no signing key until a chat is sent.
    private readonly Lazy<LinkSigner> _signer = new(services.GetRequiredService<LinkSigner>);

    public string Sign(ChatAction action, Guid notificationId) =>
        _signer.Value.Sign(Purpose, Letter(action) + Base64Url.EncodeToString(notificationId.ToByteArray()), options.Value.AcknowledgeLinkLifetime);

    public ActionTokenCheck Check(string? token)
    {
        var check = _signer.Value.Check(Purpose, token);
        if (check.Subject is not { Length: 23 } subject || Action(subject[0]) is not { } action)
        {
            return new ActionTokenCheck(ChatAction.Acknowledge, Guid.Empty, check.Refusal ?? "malformed");
        }

        Span<byte> bytes = stackalloc byte[16];
        if (!Base64Url.TryDecodeFromChars(subject.AsSpan(1), bytes, out var written) || written != 16)
        {
            return new ActionTokenCheck(ChatAction.Acknowledge, Guid.Empty, "malformed");
        }

        return new ActionTokenCheck(action, new Guid(bytes), check.Refusal);
    }

    private static string Letter(ChatAction action) => action switch
    {
        ChatAction.Accept => "c",
        ChatAction.Decline => "d",
        _ => "a",
    };

    private static ChatAction? Action(char letter) => letter switch
    {
        'a' => ChatAction.Acknowledge,
        'c' => ChatAction.Accept,
        'd' => ChatAction.Decline,
        _ => null,
    };
}
