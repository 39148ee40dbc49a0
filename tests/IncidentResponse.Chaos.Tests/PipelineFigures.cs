using System.Globalization;
using System.Text;

namespace IncidentResponse.Chaos.Tests;

/// <summary>What a fault run left behind, counted through the public API and the mail pickup folder.</summary>
internal sealed class PipelineFigures
{
    public required string Scenario { get; init; }

    public int Seed { get; init; }

    /// <summary>Reports the client set out to file.</summary>
    public int Reports { get; init; }

    /// <summary>Reports answered 2xx.</summary>
    public int Accepted { get; set; }

    public int Kills { get; init; }

    /// <summary>Answered 2xx, and the report is not there (404).</summary>
    public int Lost { get; set; }

    /// <summary>Answered 2xx, stored, and never triaged and linked to an incident.</summary>
    public int Stuck { get; set; }

    /// <summary>Idempotency keys that produced more than one report.</summary>
    public int Doubled { get; set; }

    /// <summary>Incidents beyond one per report (every report names its own system).</summary>
    public int Extra { get; set; }

    /// <summary>Open incidents (every class filed routes) with no engagement.</summary>
    public int Unengaged { get; set; }

    /// <summary>Open incidents with an engagement that has no escalation chain.</summary>
    public int Unescalated { get; set; }

    /// <summary>Open incidents with no mail in the pickup folder.</summary>
    public int Unmailed { get; set; }

    /// <summary>Mails beyond one per notification id.</summary>
    public int DupMails { get; set; }

    /// <summary>Incidents whose timeline hash chain does not verify.</summary>
    public int InvalidChains { get; set; }

    /// <summary>Incidents closed during the run that were paged about afterwards (a <c>step:</c> delivery after the close, or an active escalation).</summary>
    public int ClosedPaged { get; set; }

    /// <summary>The longest time from a restart (or the end of an outage) to the first mail of an incident whose report was accepted before it.</summary>
    public TimeSpan? LongestFirstMailAfterRestart { get; set; }

    /// <summary>The same from the end of a broker outage or a table lock.</summary>
    public TimeSpan? LongestFirstMailAfterOutage { get; set; }

    public int Incidents { get; set; }

    public int Mails { get; set; }

    public TimeSpan SettledIn { get; set; }

    public bool Settled { get; set; }

    /// <summary>What was lost, doubled or late, by key, report, incident and notification.</summary>
    public List<string> Findings { get; } = [];

    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"scenario={Scenario} reports={Reports} accepted={Accepted} kills={Kills} lost={Lost} stuck={Stuck} doubled={Doubled} extra={Extra} " +
        $"unengaged={Unengaged} unescalated={Unescalated} unmailed={Unmailed} dup-mails={DupMails} invalid-chains={InvalidChains} " +
        $"closed-paged={ClosedPaged} longest-first-mail-after-restart={Seconds(LongestFirstMailAfterRestart)} " +
        $"longest-first-mail-after-outage={Seconds(LongestFirstMailAfterOutage)} " +
        $"incidents={Incidents} mails={Mails} settled={(Settled ? "yes" : "no")} settle={SettledIn.TotalSeconds:0}s seed={Seed}");

    private static string Seconds(TimeSpan? time) => time is { } t ? string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.0}s") : "n/a";

    /// <summary>Every figure that is not as it must be, each as a sentence naming what was lost or doubled.</summary>
    public IReadOnlyList<string> Failures(TimeSpan? firstMailLimit)
    {
        var failures = new List<string>();
        void Check(bool bad, string text)
        {
            if (bad)
            {
                failures.Add(text);
            }
        }

        Check(Accepted < Reports, $"{Reports - Accepted} of {Reports} reports were never answered 2xx however often the client tried");
        Check(Lost > 0, $"lost {Lost}: reports answered 2xx are not there any more");
        Check(Stuck > 0, $"stuck {Stuck}: reports answered 2xx were never triaged and linked to an incident");
        Check(Doubled > 0, $"doubled {Doubled}: idempotency keys produced two reports");
        Check(Extra > 0, $"extra {Extra}: incidents opened twice for one report");
        Check(Unengaged > 0, $"unengaged {Unengaged}: open incidents whose class routes have no engagement");
        Check(Unescalated > 0, $"unescalated {Unescalated}: open incidents with an engagement that has no escalation chain");
        Check(Unmailed > 0, $"unmailed {Unmailed}: open incidents never got their first mail");
        Check(DupMails > 0, $"dup-mails {DupMails}: mails sent twice for one notification");
        Check(InvalidChains > 0, $"invalid-chains {InvalidChains}: incident timelines do not verify");
        Check(ClosedPaged > 0, $"closed-paged {ClosedPaged}: closed incidents were paged about after their close, or their escalation is still active");
        if (firstMailLimit is { } limit && LongestFirstMailAfterRestart is { } longest)
        {
            Check(longest > limit, string.Create(CultureInfo.InvariantCulture,
                $"longest-first-mail-after-restart {longest.TotalSeconds:0.0} s: more than {limit.TotalSeconds:0} s after the restart"));
        }

        return failures;
    }

    public string Describe(TimeSpan? firstMailLimit)
    {
        var text = new StringBuilder(Summary).AppendLine();
        foreach (var failure in Failures(firstMailLimit))
        {
            text.Append("  FAIL ").AppendLine(failure);
        }

        foreach (var finding in Findings.Take(40))
        {
            text.Append("    ").AppendLine(finding);
        }

        if (Findings.Count > 40)
        {
            text.Append(CultureInfo.InvariantCulture, $"    … {Findings.Count - 40} more in the journal").AppendLine();
        }

        return text.ToString();
    }
}
