using System.Globalization;
using System.Text.Json;

namespace IncidentResponse.Intake.Events;

/// <summary>An Events API v2 event that passed validation.</summary>
public sealed record EnqueueEvent(
    string RoutingKey,
    string Action,
    string? DedupKey,
    EnqueueEvent.EventPayload? Payload,
    string? Client,
    string? ClientUrl,
    IReadOnlyList<EnqueueEvent.Link> Links)
{
    public const int MaxDedupKey = 255;
    public const int MaxSummary = 1024;

    public static IReadOnlyList<string> Actions { get; } = ["trigger", "acknowledge", "resolve"];

    public static IReadOnlyList<string> Severities { get; } = ["critical", "error", "warning", "info"];

    public sealed record EventPayload(
        string Summary, string Source, string Severity, DateTimeOffset? Timestamp, string? Component, string? Group, string? Class, string? CustomDetails);

    public sealed record Link(string Href, string? Text);

    /// <summary>
    /// Checks an event against the Events API v2 schema; every problem is one line of the 400
    /// answer's <c>errors</c>, naming the field (Vietnamese first, English second).
    /// </summary>
    public static (EnqueueEvent? Event, List<string> Errors) Parse(JsonElement root)
    {
        var errors = new List<string>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("$: sự kiện phải là một đối tượng JSON / the event must be a JSON object");
            return (null, errors);
        }

        var routingKey = RequiredString(root, "routing_key", errors, 200);
        var action = RequiredString(root, "event_action", errors, 20);
        if (action is not null && !Actions.Contains(action))
        {
            errors.Add($"event_action: một trong / must be one of {string.Join(", ", Actions)}");
        }

        var dedupKey = OptionalString(root, "dedup_key", errors, MaxDedupKey);
        if (dedupKey is null && action is "acknowledge" or "resolve" && !HasError(errors, "dedup_key"))
        {
            errors.Add($"dedup_key: bắt buộc với {action} / is required for {action}");
        }

        EventPayload? payload = null;
        if (root.TryGetProperty("payload", out var p) && p.ValueKind != JsonValueKind.Null)
        {
            payload = ParsePayload(p, errors, required: action == "trigger");
        }
        else if (action == "trigger")
        {
            errors.Add("payload: bắt buộc với trigger / is required for trigger");
        }

        var client = OptionalString(root, "client", errors, 1024);
        var clientUrl = OptionalString(root, "client_url", errors, 2048);
        var links = ParseLinks(root, errors);
        CheckImages(root, errors);
        return errors.Count > 0 ? (null, errors) : (new EnqueueEvent(routingKey!, action!, dedupKey, payload, client, clientUrl, links), errors);
    }

    private static EventPayload? ParsePayload(JsonElement p, List<string> errors, bool required)
    {
        if (p.ValueKind != JsonValueKind.Object)
        {
            errors.Add("payload: phải là một đối tượng / must be an object");
            return null;
        }

        var before = errors.Count;
        string? summary, source, severity;
        if (required)
        {
            summary = RequiredString(p, "summary", errors, MaxSummary, "payload.");
            source = RequiredString(p, "source", errors, 1024, "payload.");
            severity = RequiredString(p, "severity", errors, 20, "payload.");
        }
        else
        {
            summary = OptionalString(p, "summary", errors, MaxSummary, "payload.");
            source = OptionalString(p, "source", errors, 1024, "payload.");
            severity = OptionalString(p, "severity", errors, 20, "payload.");
        }

        if (severity is not null && !Severities.Contains(severity))
        {
            errors.Add($"payload.severity: một trong / must be one of {string.Join(", ", Severities)}");
        }

        DateTimeOffset? timestamp = null;
        if (OptionalString(p, "timestamp", errors, 64, "payload.") is { } text)
        {
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                timestamp = at;
            }
            else
            {
                errors.Add("payload.timestamp: không phải thời điểm ISO 8601 / is not an ISO 8601 timestamp");
            }
        }

        var component = OptionalString(p, "component", errors, 1024, "payload.");
        var group = OptionalString(p, "group", errors, 1024, "payload.");
        var cls = OptionalString(p, "class", errors, 1024, "payload.");
        string? details = null;
        if (p.TryGetProperty("custom_details", out var d) && d.ValueKind != JsonValueKind.Null)
        {
            details = d.ValueKind == JsonValueKind.String ? d.GetString() : JsonSerializer.Serialize(d, Indented);
        }

        return errors.Count > before ? null
            : new EventPayload(summary ?? "", source ?? "", severity ?? "info", timestamp, component, group, cls, details);
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static List<Link> ParseLinks(JsonElement root, List<string> errors)
    {
        var links = new List<Link>();
        if (!root.TryGetProperty("links", out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return links;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            errors.Add("links: phải là một mảng / must be an array");
            return links;
        }

        var i = 0;
        foreach (var link in array.EnumerateArray())
        {
            var prefix = $"links[{i++}].";
            if (link.ValueKind != JsonValueKind.Object)
            {
                errors.Add($"{prefix[..^1]}: phải là một đối tượng / must be an object");
                continue;
            }

            var href = RequiredString(link, "href", errors, 2048, prefix);
            var text = OptionalString(link, "text", errors, 1024, prefix);
            if (href is not null)
            {
                links.Add(new Link(href, text));
            }
        }

        return links;
    }

    private static void CheckImages(JsonElement root, List<string> errors)
    {
        if (!root.TryGetProperty("images", out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            errors.Add("images: phải là một mảng / must be an array");
            return;
        }

        var i = 0;
        foreach (var image in array.EnumerateArray())
        {
            var prefix = $"images[{i++}].";
            if (image.ValueKind != JsonValueKind.Object)
            {
                errors.Add($"{prefix[..^1]}: phải là một đối tượng / must be an object");
                continue;
            }

            RequiredString(image, "src", errors, 2048, prefix);
            OptionalString(image, "href", errors, 2048, prefix);
            OptionalString(image, "alt", errors, 1024, prefix);
        }
    }

    private static bool HasError(List<string> errors, string field) => errors.Any(e => e.StartsWith(field + ":", StringComparison.Ordinal));

    private static string? RequiredString(JsonElement obj, string name, List<string> errors, int max, string prefix = "")
    {
        var value = OptionalString(obj, name, errors, max, prefix);
        if (value is null && !HasError(errors, prefix + name))
        {
            errors.Add($"{prefix}{name}: thiếu hoặc trống / is missing or blank");
        }

        return value;
    }

    private static string? OptionalString(JsonElement obj, string name, List<string> errors, int max, string prefix = "")
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{prefix}{name}: phải là chuỗi / must be a string");
            return null;
        }

        var text = value.GetString()!.Trim();
        if (text.Length > max)
        {
            errors.Add($"{prefix}{name}: tối đa {max} ký tự / must be at most {max} characters");
            return null;
        }

        return text.Length == 0 ? null : text;
    }
}
