namespace IncidentResponse.Notifications.Configuration;

/// <summary>The <c>Notifications</c> configuration section (channel settings live in its sub-sections).</summary>
public sealed class NotificationsOptions
{
    public const string Section = "Notifications";

    /// <summary>Where directory-*.yaml, routing-*.yaml and tlp-disclosure-*.yaml are; the shipped ones by default.</summary>
    public string RulesDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "Rules");

    /// <summary>
    /// The console's address as recipients reach it; links in notifications start with it. Unset,
    /// it is the first address the Host listens on (<c>Urls</c>), which only suits a trial on one machine.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary><see cref="PublicBaseUrl"/> with a trailing slash, or the Host's own address.</summary>
    public Uri BaseUrl(string? hostUrls)
    {
        var url = PublicBaseUrl?.ToString()
            ?? hostUrls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()
            ?? "http://127.0.0.1:5080";
        return new Uri(url.EndsWith('/') ? url : url + "/");
    }

    /// <summary>How long an acknowledgement link stays valid.</summary>
    public TimeSpan AcknowledgeLinkLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How long a dispatcher's claim on a notification lasts unless renewed; the dispatcher renews it every
    /// third of this while it works, so a dead Host's notifications are taken over this soon.
    /// </summary>
    public TimeSpan DispatchLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An engagement escalation has not answered for this long is announced again.</summary>
    public TimeSpan ResendAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often each Host looks for engagements to announce again.</summary>
    public TimeSpan ResendCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the dispatcher looks for work committed by other processes.</summary>
    public TimeSpan DispatchPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Notifications sent at the same time by one dispatcher (its window; it keeps up to twice that claimed). A report
    /// engages about eight units: with 8, the closed-loop benchmark's notices queued behind each other for over a second.
    /// </summary>
    public int DispatchConcurrency { get; set; } = 32;

    /// <summary>
    /// Hosts a webhook may reach over plain http (a receiver inside a closed network); every other webhook must use https,
    /// except to this machine. A directory entry or an escalation policy that breaks this stops the start; any other is
    /// refused when sent.
    /// </summary>
    public List<string> PlainHttpWebhookHosts { get; set; } = [];

    /// <summary>Webhook signing secrets by the name a directory entry gives in <c>secretRef</c>.</summary>
    public Dictionary<string, string> Secrets { get; set; } = [];

    /// <summary>
    /// During a rotation, the secret being retired, by the same name: webhooks then also carry its signature
    /// (<c>X-IR-Signature-Previous</c>), so a receiver that still has it keeps verifying until it takes the new one.
    /// </summary>
    public Dictionary<string, string> PreviousSecrets { get; set; } = [];
}
