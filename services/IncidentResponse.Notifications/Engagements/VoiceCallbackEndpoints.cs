using System.Text.Json;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Partners;
using IncidentResponse.ServiceDefaults.Web;
using IncidentResponse.ServiceDefaults.Web.RateLimits;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Notifications.Engagements;

/// <summary>
/// The voice gateway's callback: <c>{"reference": "…", "event": "dtmf", "digits": "1", "to": "+84…", "callId": "…"}</c>,
/// signed with <c>Notifications:Voice:CallbackSecret</c> as webhooks are (<c>X-IR-Timestamp</c>, <c>X-IR-Signature</c>);
/// nothing unsigned or stale is read. Key 1 pressed on a call of a live notice, to the number that notice called,
/// acknowledges through <see cref="ChannelAcknowledgements"/> (channel <c>voice</c>), once. The answer carries a short
/// text (<c>say</c>) the gateway may read back before hanging up.
/// </summary>
public static class VoiceCallbackEndpoints
{
    public const string Route = "/" + VoiceChannel.CallbackPath;

    /// <summary>What the callback did (<c>done</c>, <c>already-done</c>, <c>not-live</c>, <c>refused</c>, <c>ignored</c>) and what to say.</summary>
    public sealed record CallbackResult(string Result, string Say);

    private sealed record Callback(string? Reference, string? Event, string? Digits, string? To, string? CallId);

    public static IEndpointRouteBuilder MapVoiceCallbacks(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        // Authenticated by the gateway's HMAC signature over the body, not by an API key.
        endpoints.MapPost(Route, ReceiveAsync).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(RateLimitPolicies.Ack)
            .WithTags("Engagements").Produces<CallbackResult>().ProducesProblem(StatusCodes.Status401Unauthorized);
        return endpoints;
    }

    private static async Task<IResult> ReceiveAsync(
        HttpContext http, IOptions<VoiceOptions> options, ActionTokens tokens, ChannelAcknowledgements acknowledgements, TimeProvider time)
    {
        var cancellationToken = http.RequestAborted;
        var settings = options.Value;
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, cancellationToken);
        var body = buffer.ToArray();
        if (string.IsNullOrEmpty(settings.CallbackSecret)
            || !WebhookSignature.Verify(settings.CallbackSecret, http.Request.Headers[WebhookSignature.TimestampHeader], http.Request.Headers[WebhookSignature.SignatureHeader],
                body, time.GetUtcNow(), settings.CallbackTolerance))
        {
            http.RequestServices.GetService<FailedCredentials>()?.Record(http);
            return Problems.Status(StatusCodes.Status401Unauthorized, "Không được phép / Unauthorized",
                "Chữ ký của cổng gọi thoại thiếu, sai hoặc quá hạn / the voice gateway's signature is missing, wrong or stale");
        }

        Callback? callback;
        try
        {
            callback = JsonSerializer.Deserialize<Callback>(body, JsonBody.Options);
        }
        catch (JsonException)
        {
            return Problems.Validation("body", "JSON không hợp lệ / the body is not valid JSON");
        }

        if (callback is null || !string.Equals(callback.Event, "dtmf", StringComparison.OrdinalIgnoreCase) || callback.Digits?.Trim() is not "1")
        {
            return Results.Ok(new CallbackResult("ignored", string.Empty)); // a call status, another key: nothing to do
        }

        var check = tokens.Check(callback.Reference);
        var called = PhoneNumber.ToE164(callback.To);
        if (!check.Valid || check.Action != ChatAction.Acknowledge || called is null)
        {
            return Results.Ok(new CallbackResult(check.Refusal is "bad-signature" or "malformed" ? "refused" : "not-live",
                ChannelAcknowledgements.Answer(new ChannelAck(ChannelAckOutcome.NotLive), ChatAction.Acknowledge)));
        }

        var ack = await acknowledgements.ApplyAsync(check.NotificationId, ChatAction.Acknowledge,
            n => new EngagementActor($"{n.RecipientName} ({called})", VoiceChannel.ChannelName),
            c => c.Channel == VoiceChannel.ChannelName && PhoneNumber.ToE164(c.Address) == called, cancellationToken);
        var result = ack.Outcome switch
        {
            ChannelAckOutcome.Done => "done",
            ChannelAckOutcome.AlreadyDone => "already-done",
            ChannelAckOutcome.Invalid => "invalid",
            _ => "not-live",
        };
        return Results.Ok(new CallbackResult(result, ChannelAcknowledgements.Answer(ack, ChatAction.Acknowledge)));
    }
}
