namespace IncidentResponse.Triage.Policy;

/// <summary>The <c>Triage</c> configuration section.</summary>
public sealed class TriageOptions
{
    public const string Section = "Triage";

    /// <summary>Where the versioned rule files are; the ones shipped beside the Host by default.</summary>
    public string RulesDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "Rules");

    /// <summary>Incident numbers read <c>{prefix}-{year}-{sequence}</c>.</summary>
    public string NumberPrefix { get; set; } = "SC";

    /// <summary>The committee's time zone: incident years and shown times use it.</summary>
    public string TimeZone { get; set; } = "Asia/Ho_Chi_Minh";

    /// <summary><see cref="TimeZone"/> itself; a name this machine does not know fails (it does at start, when incident numbers need it).</summary>
    public TimeZoneInfo Zone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>At most this many reports are triaged in one transaction (see <c>TriageBatcher</c>).</summary>
    public int BatchSize { get; set; } = 64;

    /// <summary>At most this many triage transactions run at once in one Host.</summary>
    public int Writers { get; set; } = 1;

    /// <summary>
    /// The services that keep a copy of incidents and answer each state with <c>IncidentStateApplied</c>;
    /// a state is sent again until all of them have.
    /// </summary>
    public IReadOnlyList<string> StateSubscribers { get; set; } = ["notifications", "escalation"];

    /// <summary>A state not answered by every subscriber this long after it was sent is sent again.</summary>
    public TimeSpan StateResendAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// An incident's detection time (its legal deadlines with it) is never more than this long before the report that
    /// opens or moves it was received: a monitoring alert's old time opens it at this bound, and a correlated report moves
    /// it earlier to this bound at most. A false early time would start new duties further overdue.
    /// </summary>
    public TimeSpan DetectedAtLookBack { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Which reports get a receipt sent back to their reply address when triaged (QĐ 05 Điều 12; see
    /// <see cref="Incidents.ReportReceipts"/>): <c>legal</c> (legal initial reports, "[TBSC]"), <c>all</c> (every report with
    /// a reply address) or <c>none</c>.
    /// </summary>
    public string Receipts { get; set; } = Incidents.ReportReceipts.Legal;

    /// <summary>How often each Host looks for incident states to send again.</summary>
    public TimeSpan StateCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Whether this Host reminds of the periodic reports at all (<see cref="Periodic.PeriodicReminders"/>); off for a training or test
    /// instance whose calendar is not the committee's (the rules' <c>notify</c> decides for a deployment).
    /// </summary>
    public bool PeriodicReminders { get; set; } = true;

    /// <summary>How often each Host looks for periodic report reminders that have come (<see cref="Periodic.PeriodicReminders"/>).</summary>
    public TimeSpan PeriodicReminderInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A periodic report's reminder before its due time further back than this is recorded as passed and not sent (its overdue alerts always go, step by step).</summary>
    public TimeSpan PeriodicReminderStaleAfter { get; set; } = TimeSpan.FromDays(7);
}
