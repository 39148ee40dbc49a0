using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// Calls to Zalo's OpenAPI (OA messages, ZNS): the access token in the <c>access_token</c> header, the outcome in the
/// body's <c>error</c> (0 is success; Zalo answers errors with HTTP 200 too). An invalid or expired access token is
/// transient (the token is refreshed before the retry); a rate limit is transient; every other error (not a follower,
/// no interaction for too long, invalid phone, no Zalo account, template not approved, outside sending hours …) is
/// permanent, so the next channel follows.
/// </summary>
internal static class ZaloApi
{
    /// <summary>Access token invalid or expired.</summary>
    public static readonly IReadOnlySet<int> TokenErrors = new HashSet<int> { -124, -216 };

    /// <summary>Worth trying again: the token errors, and request limits.</summary>
    public static readonly IReadOnlySet<int> TransientErrors = new HashSet<int> { -124, -216, -32 };

    public static AttemptOutcome OutcomeOf(int error) =>
        error == 0 ? AttemptOutcome.Delivered : TransientErrors.Contains(error) ? AttemptOutcome.TransientFailure : AttemptOutcome.PermanentFailure;

    /// <summary>Posts <paramref name="body"/>; the result, and whether Zalo refused the access token.</summary>
    public static async Task<(ChannelResult Result, bool TokenRefused)> PostAsync(
        HttpClient client, Uri url, string accessToken, JsonObject body, string idProperty, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("access_token", accessToken);
        var (answer, failure) = await HttpDelivery.ExchangeAsync(client, request, cancellationToken);
        if (answer is null)
        {
            return (failure!, false);
        }

        var outcome = HttpDelivery.OutcomeOf(answer.Status);
        if (outcome != AttemptOutcome.Delivered)
        {
            return (new ChannelResult(outcome, answer.Describe()), false);
        }

        try
        {
            using var json = JsonDocument.Parse(answer.Body);
            var root = json.RootElement;
            var error = root.TryGetProperty("error", out var e) && e.TryGetInt32(out var code) ? code : 0;
            var id = root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object && data.TryGetProperty(idProperty, out var m) ? m.ToString() : null;
            return (new ChannelResult(OutcomeOf(error), answer.Describe(), id), TokenErrors.Contains(error));
        }
        catch (JsonException)
        {
            return (ChannelResult.Transient(answer.Describe()), false); // not Zalo's answer (a proxy's page)
        }
    }
}
