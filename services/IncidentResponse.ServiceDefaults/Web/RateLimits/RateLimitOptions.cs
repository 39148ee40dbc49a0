namespace IncidentResponse.ServiceDefaults.Web.RateLimits;

/// <summary>
/// <c>RateLimits:*</c>: how many requests each door takes per client address and per credential in one
/// <see cref="Window"/>. Each limit is a token bucket: that many at once, refilled evenly over the window.
/// Machine doors are sized for alert storms; doors that an outsider can knock on with a guessed
/// credential are tight, and an address that keeps presenting wrong credentials is refused for a while.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Off only for measurements: every door takes every request.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The period the numbers below refer to.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Wrong credentials (unknown API key, unknown <c>routing_key</c>, forged or used link) one address may present per window before its doors answer 429.</summary>
    public int FailedCredentialsPerAddress { get; set; } = 20;

    /// <summary><c>/ack/{token}</c>, GET and POST, per address.</summary>
    public int AckPerAddress { get; set; } = 60;

    /// <summary><c>/ack/{token}</c> per link.</summary>
    public int AckPerToken { get; set; } = 10;

    /// <summary><c>POST /v2/enqueue</c> per address, counted before the body is read (the per-key limit is <c>Intake:Machine:EventsPerMinute</c>).</summary>
    public int EventsPerAddress { get; set; } = 1200;

    /// <summary>The Alertmanager webhook per address.</summary>
    public int AlertmanagerPerAddress { get; set; } = 1200;

    /// <summary>The Alertmanager webhook per integration key: an alert storm of hundreds of groups a minute still goes through.</summary>
    public int AlertmanagerPerKey { get; set; } = 600;

    /// <summary>Heartbeat pings per address.</summary>
    public int HeartbeatPerAddress { get; set; } = 600;

    /// <summary>Heartbeat pings per integration key.</summary>
    public int HeartbeatPerKey { get; set; } = 60;

    /// <summary><c>POST /api/v1/sms/inbound</c> per address.</summary>
    public int SmsInboundPerAddress { get; set; } = 300;

    /// <summary><c>POST /api/v1/sms/inbound</c> per gateway key (each request tries one code).</summary>
    public int SmsInboundPerKey { get; set; } = 300;

    /// <summary><c>/oncall/feed/{token}/calendar.ics</c> per address.</summary>
    public int CalendarFeedPerAddress { get; set; } = 60;

    /// <summary><c>/oncall/feed/{token}/calendar.ics</c> per feed link (calendar clients poll every few minutes).</summary>
    public int CalendarFeedPerToken { get; set; } = 20;
}
