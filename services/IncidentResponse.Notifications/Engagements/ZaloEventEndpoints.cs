using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Data;
using IncidentResponse.ServiceDefaults.Web;
using IncidentResponse.ServiceDefaults.Web.RateLimits;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Notifications.Engagements;

/// <summary>
/// The Zalo OA webhook. Zalo signs each event: <c>X-ZEvent-Signature</c> is the hex SHA-256 of the app id, the raw body,
/// the event's <c>timestamp</c> and the OA secret key, in that order; anything else is refused. A follower's text
/// (<c>user_send_text</c>) whose first code-like word is the acknowledgement code of a live notice sent to that follower
/// (<c>zalo: &lt;user id&gt;</c>) acknowledges it through <see cref="ChannelAcknowledgements"/>, once. Every signed event
/// is answered 200 at once, as Zalo requires.
/// </summary>
public static class ZaloEventEndpoints
{
    public const string Route = "/api/v1/channels/zalo/events";
    public const string SignatureHeader = "X-ZEvent-Signature";

    /// <summary>What the event did: <c>done</c>, <c>already-done</c>, <c>not-live</c> or <c>ignored</c>.</summary>
    public sealed record EventResult(string Result);

    public static IEndpointRouteBuilder MapZaloEvents(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        // Authenticated by Zalo's signature with the OA secret key, not by an API key.
        endpoints.MapPost(Route, ReceiveAsync).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(RateLimitPolicies.Ack)
            .WithTags("Engagements").Produces<EventResult>().ProducesProblem(StatusCodes.Status401Unauthorized);
        return endpoints;
    }

    /// <summary>The signature Zalo sends with <paramref name="body"/>: lowercase hex SHA-256 of appId + body + timestamp + OA secret key.</summary>
    public static string Sign(string appId, string body, string timestamp, string oaSecretKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(appId + body + timestamp + oaSecretKey)));

    private static async Task<IResult> ReceiveAsync(
        HttpContext http, IOptions<ZaloOptions> options, ChannelAcknowledgements acknowledgements, NotificationsDbContext db)
    {
        var cancellationToken = http.RequestAborted;
        var settings = options.Value;
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(cancellationToken);
        JsonElement root;
        try
        {
            using var json = JsonDocument.Parse(body);
            root = json.RootElement.Clone();
        }
        catch (JsonException)
        {
            root = default;
        }

        var timestamp = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("timestamp", out var t) ? t.ToString() : null;
        if (string.IsNullOrEmpty(settings.AppId) || string.IsNullOrEmpty(settings.OaSecretKey) || timestamp is null
            || !Matches(http.Request.Headers[SignatureHeader].ToString(), Sign(settings.AppId, body, timestamp, settings.OaSecretKey)))
        {
            http.RequestServices.GetService<FailedCredentials>()?.Record(http);
            return Problems.Status(StatusCodes.Status401Unauthorized, "Không được phép / Unauthorized",
                "Chữ ký sự kiện Zalo thiếu hoặc sai / the Zalo event's signature is missing or wrong");
        }

        if (Text(root, "event_name") != "user_send_text"
            || (settings.OaId is { Length: > 0 } oa && root.TryGetProperty("recipient", out var to) && Text(to, "id") is { } oaId && oaId != oa)
            || !root.TryGetProperty("sender", out var sender) || Text(sender, "id") is not { Length: > 0 } userId
            || !root.TryGetProperty("message", out var message) || Text(message, "text") is not { Length: > 0 and <= 2000 } text)
        {
            return Results.Ok(new EventResult("ignored")); // a follow, a sticker, a button press …: nothing to do
        }

        var code = SmsReplyEndpoints.CodeOf(text) ?? string.Empty;
        var notificationId = await db.Notifications.AsNoTracking().Where(n => n.AcknowledgeCode == code).Select(n => (Guid?)n.Id).FirstOrDefaultAsync(cancellationToken);
        if (notificationId is not { } id)
        {
            return Results.Ok(new EventResult("not-live"));
        }

        var ack = await acknowledgements.ApplyAsync(id, ChatAction.Acknowledge, n => new EngagementActor($"{n.RecipientName} (Zalo {userId})", ZaloChannel.ChannelName),
            c => c.Channel == ZaloChannel.ChannelName && c.Address.Trim() == userId, cancellationToken);
        return Results.Ok(new EventResult(ack.Outcome switch
        {
            ChannelAckOutcome.Done => "done",
            ChannelAckOutcome.AlreadyDone => "already-done",
            _ => "not-live",
        }));
    }

    /// <summary>The header as Zalo writes it (<c>mac=&lt;hex&gt;</c> or the bare hex) against the expected hex, in constant time.</summary>
    private static bool Matches(string header, string expected)
    {
        var given = header.Trim();
        if (given.StartsWith("mac=", StringComparison.OrdinalIgnoreCase))
        {
            given = given[4..];
        }

        try
        {
            return CryptographicOperations.FixedTimeEquals(Convert.FromHexString(given), Convert.FromHexString(expected));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.ToString()
            : null;
}
