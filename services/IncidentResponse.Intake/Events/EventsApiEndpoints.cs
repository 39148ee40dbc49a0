using System.Globalization;
using System.Text;
using System.Text.Json;
using IncidentResponse.Access.Data;
using IncidentResponse.Access.Integrations;
using IncidentResponse.Intake.Alerts;
using IncidentResponse.ServiceDefaults.Web.RateLimits;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IncidentResponse.Intake.Events;

/// <summary>
/// <c>POST /v2/enqueue</c>, the PagerDuty Events API v2 contract, so that any tool able to page
/// PagerDuty feeds the system unchanged. The credential is the event's <c>routing_key</c> (an
/// integration key), not a header; answers are the contract's own bodies, not problem+json.
/// </summary>
public static class EventsApiEndpoints
{
    /// <summary>PagerDuty's limit per event.</summary>
    public const int MaxEventBytes = 512 * 1024;

    private static readonly JsonSerializerOptions AnswerJson = new()
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public sealed record Answer(
        [property: System.Text.Json.Serialization.JsonPropertyName("status")] string Status,
        [property: System.Text.Json.Serialization.JsonPropertyName("message")] string Message,
        [property: System.Text.Json.Serialization.JsonPropertyName("dedup_key")] string? DedupKey = null,
        [property: System.Text.Json.Serialization.JsonPropertyName("errors")] IReadOnlyList<string>? Errors = null);

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/v2/enqueue", EnqueueAsync).AllowAnonymous().RequireRateLimiting(RateLimitPolicies.Events).WithTags("Machine intake")
            .WithSummary("PagerDuty Events API v2: trigger, acknowledge or resolve an alert")
            .Produces<Answer>(StatusCodes.Status202Accepted).Produces<Answer>(StatusCodes.Status400BadRequest).Produces<Answer>(StatusCodes.Status429TooManyRequests);
        return endpoints;
    }

    public static IResult Invalid(params string[] errors) =>
        Results.Json(new Answer("invalid event", "Event object is invalid", Errors: errors), AnswerJson, statusCode: StatusCodes.Status400BadRequest);

    private static async Task<IResult> EnqueueAsync(
        HttpContext http, AccessDbContext access, AlertIntake alerts, EventRateLimiter limiter, FailedCredentials failures, TimeProvider time)
    {
        var body = await ReadLimitedAsync(http.Request);
        if (body is null)
        {
            return Invalid($"$: sự kiện vượt quá {MaxEventBytes / 1024} KB / the event is larger than {MaxEventBytes / 1024} KB");
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return Invalid($"$: JSON không hợp lệ / malformed JSON ({ex.Message.Split(" Path:")[0]})");
        }

        var (ev, errors) = EnqueueEvent.Parse(root);
        if (ev is null)
        {
            return Invalid([.. errors]);
        }

        var now = time.GetUtcNow();
        var integration = await access.FindByKeyAsync(ev.RoutingKey, now, http.RequestAborted);
        if (integration is null || integration.Kind != IntegrationKinds.EventsV2)
        {
            // Another kind's key is as wrong here as an unknown one: each key opens its own door only.
            failures.Record(http);
            return Invalid("routing_key: khóa tích hợp không hợp lệ hoặc đã thu hồi / Invalid routing key");
        }

        if (!limiter.TryAcquire(integration.Id, out var retryAfter))
        {
            http.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return Results.Json(new Answer("throttle event", "Requests for this service are arriving too quickly. Please retry later."),
                AnswerJson, statusCode: StatusCodes.Status429TooManyRequests);
        }

        var dedupKey = ev.DedupKey ?? Guid.NewGuid().ToString("N");
        var action = ev.Action switch
        {
            "trigger" => AlertAction.Trigger,
            "acknowledge" => AlertAction.Acknowledge,
            _ => AlertAction.Resolve,
        };
        var payload = ev.Payload;
        var summary = payload?.Summary ?? "";
        await alerts.ApplyAsync(AlertSource.Of(integration, AlertSource.EventsApiChannel), action, dedupKey, summary,
            () => AlertReport.Build(integration, Facts(ev, payload!), dedupKey, now), http.RequestAborted);
        return Results.Json(new Answer("success", "Event processed", dedupKey), AnswerJson, statusCode: StatusCodes.Status202Accepted);
    }

    private static AlertFacts Facts(EnqueueEvent ev, EnqueueEvent.EventPayload payload)
    {
        var details = new StringBuilder();
        if (payload.CustomDetails is { Length: > 0 } custom)
        {
            details.AppendLine(custom);
        }

        if (ev.Client is not null || ev.ClientUrl is not null)
        {
            details.AppendLine(string.Join(' ', new[] { "Client:", ev.Client, ev.ClientUrl }.Where(s => !string.IsNullOrEmpty(s))));
        }

        foreach (var link in ev.Links)
        {
            details.AppendLine(string.Join(' ', new[] { "Link:", link.Text, link.Href }.Where(s => !string.IsNullOrEmpty(s))));
        }

        return new AlertFacts(payload.Summary, payload.Source, payload.Severity, payload.Timestamp, payload.Component, payload.Group, payload.Class,
            details.Length == 0 ? null : details.ToString().TrimEnd());
    }

    /// <summary>The body, or null when it is larger than <see cref="MaxEventBytes"/>.</summary>
    private static async Task<byte[]?> ReadLimitedAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxEventBytes)
        {
            return null;
        }

        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            {
                if (buffer.Length + read > MaxEventBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }
}
