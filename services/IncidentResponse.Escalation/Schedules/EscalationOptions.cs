namespace IncidentResponse.Escalation.Schedules;

/// <summary>The <c>Escalation</c> configuration section.</summary>
public sealed class EscalationOptions
{
    public const string Section = "Escalation";

    /// <summary>Where <c>schedules-*.yaml</c> and <c>escalation-policies-*.yaml</c> are; the shipped ones beside the Host by default.</summary>
    public string RulesDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "Rules");

    /// <summary>How far ahead gaps in on-call coverage are reported.</summary>
    public TimeSpan GapWarningHorizon { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How often pending steps and deadline alerts in the database are checked for a missing trigger.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How far ahead a reconcile pass looks: a pending step or alert due later than this gets its
    /// missing trigger back from a later pass, at least this long (less one interval) before it is due.
    /// A pass then reads what falls due soon, not every step pending for days.
    /// </summary>
    public TimeSpan ReconcileHorizon { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How many sweep transactions run at once on this Host. Chosen by the storm benchmark: 10 of 50 steps fill a page of
    /// 500 due rows in one round. 4 of 100, tried on 2 cores (2026-12-07), read 0–10 % faster in three full-size runs, inside
    /// the runs' spread, with a slower fallback when a batch loses a race and longer row locks; it was not adopted.
    /// </summary>
    public int TimerConcurrency { get; set; } = 10;

    /// <summary>
    /// How many due steps one transaction of the sweep fires together (1: each on its own). A page that
    /// loses a race is not applied and its steps are fired one by one. Chosen by the storm benchmark.
    /// </summary>
    public int SweepBatchSize { get; set; } = 50;

    /// <summary>
    /// Due times are rounded up to this for their wake-up trigger: everything due within one such
    /// interval shares a trigger and a sweep. It bounds the lateness it adds; a smaller one stores more triggers.
    /// </summary>
    public TimeSpan TimerResolution { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How many due wake-ups one Quartz acquisition takes (0 or 1: one at a time, Quartz's default). Wake-ups are shared, so few fire at once.</summary>
    public int TimerBatchSize { get; set; } = 1;

    /// <summary>A step that paged and that notifications has not answered this long after is asked for again.</summary>
    public TimeSpan ResendAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often each Host looks for page requests to send again.</summary>
    public TimeSpan ResendCheckInterval { get; set; } = TimeSpan.FromSeconds(5);
}
