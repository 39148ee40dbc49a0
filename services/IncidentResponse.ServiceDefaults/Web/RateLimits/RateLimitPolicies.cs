namespace IncidentResponse.ServiceDefaults.Web.RateLimits;

/// <summary>
/// Names of the rate-limit policies, for <c>.RequireRateLimiting(name)</c> on an endpoint. A module adds a
/// policy of its own with <c>services.Configure&lt;RateLimiterOptions&gt;(o =&gt; o.AddPolicy(...))</c> in its
/// own file, e.g. a <see cref="DoorPolicy"/> built from <see cref="DoorPolicies"/>.
/// </summary>
public static class RateLimitPolicies
{
    /// <summary><c>/ack/{token}</c>: per address and per link.</summary>
    public const string Ack = "ack";

    /// <summary><c>POST /v2/enqueue</c>: per address, before the body is read.</summary>
    public const string Events = "events";

    /// <summary>The Alertmanager webhook: per address and per key.</summary>
    public const string Alertmanager = "alertmanager";

    /// <summary>Heartbeat pings: per address and per key.</summary>
    public const string Heartbeat = "heartbeat";

    /// <summary>SMS replies from the gateway: per address and per key.</summary>
    public const string SmsInbound = "sms-inbound";

    /// <summary>Calendar feeds: per address and per feed link.</summary>
    public const string CalendarFeed = "calendar-feed";
}
