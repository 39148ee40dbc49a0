using IncidentResponse.Contracts.Api.Incidents;
using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Contracts.Reports;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.ServiceDefaults.Committee;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Outbox;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Policy;
using IncidentResponse.Triage.Register;
using IncidentResponse.Triage.Timeline;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Triage.Incidents;

/// <summary>
/// Triage of reports: assess each with the policy in force, then either attach it to the open
/// incident with the same fingerprint (within the window) or open a new incident. Several reports
/// are triaged together (see <see cref="TriageBatcher"/>), in the order they were received, so a
/// report correlates with an incident another report of the same batch opened. Everything decided
/// — incidents, their numbers, timelines, links, messages — is read and written in one transaction
/// per batch, which publishes one <see cref="ReportsTriaged"/> for all its reports and one
/// <see cref="IncidentsTriaged"/> with the state of each incident whose state changed (saying so when it opened it), and a
/// <see cref="SendReportReceipt"/> for each report that owes its sender one (<see cref="ReportReceipts"/>).
/// On PostgreSQL the transaction locks the correlation keys, then the incidents, then the year's
/// counter, each in key order (see <see cref="RowLocks"/>), so two batches never deadlock and a
/// timeline writer waits for the batch instead of making it fail.
/// </summary>
public sealed class ReportTriage(
    TriageDbContext db, RuleBook rules, IncidentNumbers numbers, TimeProvider time, Microsoft.Extensions.Options.IOptions<TriageOptions>? options = null)
{
    /// <summary>
    /// Triages the reports not triaged before (at-least-once delivery: a report already linked, or
    /// given twice, is applied once) and commits. A failure commits nothing; a batch that lost a race
    /// (another Host opened the same fingerprint's incident first) is decided again on fresh state.
    /// </summary>
    public async Task TriageAsync(IReadOnlyCollection<ReportReceived> messages, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return;
        }

        await db.RetryOnConflictAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancel);
            await TriageInTransactionAsync(messages, cancel);
            await transaction.CommitAsync(cancel);
            return 0;
        }, cancel);
    }

    private async Task TriageInTransactionAsync(IReadOnlyCollection<ReportReceived> messages, CancellationToken cancel)
    {
        var ids = messages.Select(m => m.ReportId).Distinct().ToList();
        var now = time.GetUtcNow();
        var answers = await TriagedBeforeAsync(ids, cancel);
        var triagedBefore = answers.Select(a => a.ReportId).ToHashSet();
        var policy = rules.PolicyAt(now);
        var reports = messages
            .DistinctBy(m => m.ReportId)
            .Where(m => !triagedBefore.Contains(m.ReportId))
            .OrderBy(m => m.ReceivedAt).ThenBy(m => m.ReportId)
            .Select(m =>
            {
                var facts = TriageFacts.From(m.Report);
                return (Message: m, Facts: facts, Assessment: SeverityAssessor.Assess(facts, policy), Fingerprint: Fingerprint.Of(m.Report, policy.Correlation, m.ReportId));
            })
            .ToList();
        var changed = new Dictionary<Guid, StateChange>();
        var searchable = new Dictionary<Guid, ISet<string>>();
        if (reports.Count > 0)
        {
            var fingerprints = reports.Select(r => r.Fingerprint).Distinct().Order(StringComparer.Ordinal).ToList();
            var keys = await db.Locking<CorrelationKey, string>(nameof(CorrelationKey.Fingerprint), fingerprints).ToDictionaryAsync(k => k.Fingerprint, cancel);
            // Follow-ups quote their incident's number: read here, locked below with the rest in one ordered statement.
            var quoted = reports.Select(r => r.Message.Report.IncidentNumber).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            var quotedIds = quoted.Count == 0
                ? []
                : await db.Incidents.AsNoTracking().Where(i => quoted.Contains(i.Number)).Select(i => new { i.Number, i.Id })
                    .ToDictionaryAsync(i => i.Number, i => i.Id, StringComparer.Ordinal, cancel);
            var quotedIncidents = quotedIds.Values.ToList();
            var incidentIds = keys.Values.Select(k => k.IncidentId).Concat(quotedIds.Values).Distinct().ToList();
            // Every fingerprint new (the usual report): no incident to lock or read, and no round trip for it.
            var locked = incidentIds.Count == 0
                ? []
                : await db.Locking<Incident, Guid>(nameof(Incident.Id), incidentIds).Include(i => i.Deadlines)
                    .Where(i => i.Status != Lifecycle.Closed || quotedIncidents.Contains(i.Id))
                    .ToDictionaryAsync(i => i.Id, cancel);
            var open = locked.Values.Where(i => i.Status != Lifecycle.Closed).ToDictionary(i => i.Id);
            // A report quoting an incident's number is filed under it (Follow) when it Takes it. Of the others, the reports
            // that open an incident take the next numbers, in order; every other report joins the open incident its
            // fingerprint's key names (one opened earlier in this batch included).
            // Decided once per report: whether an incident Takes a report depends on its status and kind, which no report here changes.
            var follows = reports.ToDictionary(r => r.Message.ReportId, r => r.Message.Report.IncidentNumber is { } n && quotedIds.TryGetValue(n, out var quotedId)
                && locked.TryGetValue(quotedId, out var followed) && Takes(followed, r.Message.Report, r.Assessment) ? followed : null);
            var openers = Openers(reports.Where(r => follows[r.Message.ReportId] is null).Select(r => (r.Message, r.Fingerprint)), keys, open,
                policy.Correlation.WindowSpan);
            var numbered = openers.Zip(await numbers.TakeAsync(db, openers.Count, now, cancel)).ToDictionary(p => p.First, p => p.Second);

            foreach (var (message, facts, assessment, fingerprint) in reports)
            {
                keys.TryGetValue(fingerprint, out var key);
                var followed = follows[message.ReportId];
                string? number = null;
                var correlated = followed is not null || !numbered.TryGetValue(message.ReportId, out number);
                Incident incident;
                if (followed is not null && !Correlates(followed, message))
                {
                    incident = followed;
                    Follow(incident, message, assessment);
                }
                else if (correlated)
                {
                    incident = followed ?? open[key!.IncidentId];
                    if (Correlate(incident, message, facts, assessment, now, quoted: followed is not null))
                    {
                        changed[incident.Id] = new StateChange(message.Report.AffectedSystem, changed.GetValueOrDefault(incident.Id)?.OpenedBy);
                    }
                }
                else
                {
                    incident = Open(message, facts, assessment, fingerprint, number!, now);
                    open[incident.Id] = incident;
                    changed[incident.Id] = new StateChange(message.Report.AffectedSystem, new Opener(message.ReportId, message.Channel));
                }

                // A follow-up neither keys its fingerprint to the incident it quotes nor takes one from another incident:
                // correlation stays what the reports' own facts make it (the same however the batch is cut).
                if (followed is null)
                {
                    KeyFingerprint(keys, key, fingerprint, incident, message.ReceivedAt, correlated);
                }

                if (!searchable.TryGetValue(incident.Id, out var terms))
                {
                    searchable[incident.Id] = terms = new HashSet<string>(StringComparer.Ordinal);
                }

                terms.UnionWith(SearchText.Terms(RegisterIndex.Texts(incident, message.Report)));
                db.IncidentReports.Add(new IncidentReportLink
                {
                    ReportId = message.ReportId,
                    IncidentId = incident.Id,
                    ReceivedAt = message.ReceivedAt,
                    TriagedAt = now,
                    Title = message.Report.Title,
                    Channel = message.Channel,
                    Level = assessment.Level,
                    Score = assessment.Score,
                    Serious = assessment.Serious,
                    Correlated = correlated,
                    Report = IncidentJson.Write(message.Report),
                });
                answers.Add(new ReportTriaged(message.ReportId, incident.Id, incident.Number, correlated, now));
                if (ReportReceipts.For(message, incident.Id, incident.Number, incident.Tlp, correlated, now, options?.Value,
                        quoted: followed is not null, closed: incident.Status == Lifecycle.Closed) is { } receipt)
                {
                    db.PublishAfterCommit(receipt, now); // once: a report triaged before is answered above, not receipted again
                }
            }

            // One state per incident, the batch's last (a receiver applies only the newest anyway), all in one message.
            IncidentState.PublishTogether(db, changed.Select(c => (open[c.Key], c.Value.System, c.Value.OpenedBy)), now);

            await db.AddTermsAsync(searchable, cancel);
        }

        db.PublishAfterCommit(new ReportsTriaged(answers), now);
        // In the open transaction: changes are detected once (finding the added rows), not again by the save after the COPY.
        await db.SaveChangesCopyingAsync(AppendedRows, cancel);
    }

    /// <summary>
    /// The tables a batch only adds rows to, parents first: on PostgreSQL a batch's new rows of them go in by
    /// <c>COPY</c> (<see cref="AddedRowsCopy"/>), the rest (keys and incidents that changed, messages) by <c>SaveChanges</c>.
    /// </summary>
    private static readonly Type[] AppendedRows =
        [typeof(Incident), typeof(IncidentDeadline), typeof(TimelineEntry), typeof(IncidentReportLink), typeof(CorrelationKey), typeof(Register.IncidentSearch)];

    /// <summary>
    /// The answers for the reports triaged before, to give again (intake announces a report until it hears
    /// where it went: the first answer may have been lost).
    /// </summary>
    private async Task<List<ReportTriaged>> TriagedBeforeAsync(List<Guid> ids, CancellationToken cancel) =>
        await db.IncidentReports.AsNoTracking()
            .Where(l => ids.Contains(l.ReportId))
            .Join(db.Incidents, l => l.IncidentId, i => i.Id, (l, i) => new ReportTriaged(l.ReportId, l.IncidentId, i.Number, l.Correlated, l.TriagedAt))
            .ToListAsync(cancel);

    /// <summary>What a batch changed in an incident's state: the affected system of the report that last changed it, and the report that opened it (if one did).</summary>
    private sealed record StateChange(AffectedSystem? System, Opener? OpenedBy);

    /// <summary>
    /// The reports, in order, that open an incident: a report joins its fingerprint's open incident when
    /// the fingerprint was last seen within the correlation window (earlier reports of the batch count),
    /// and opens one otherwise.
    /// </summary>
    private static List<Guid> Openers(
        IEnumerable<(ReportReceived Message, string Fingerprint)> reports, Dictionary<string, CorrelationKey> keys, Dictionary<Guid, Incident> open, TimeSpan window)
    {
        var lastSeen = keys.Values.Where(k => open.ContainsKey(k.IncidentId)).ToDictionary(k => k.Fingerprint, k => k.LastSeenAt);
        var openers = new List<Guid>();
        foreach (var (message, fingerprint) in reports)
        {
            if (lastSeen.TryGetValue(fingerprint, out var seen) && seen >= message.ReceivedAt - window)
            {
                lastSeen[fingerprint] = message.ReceivedAt > seen ? message.ReceivedAt : seen;
            }
            else
            {
                openers.Add(message.ReportId);
                lastSeen[fingerprint] = message.ReceivedAt;
            }
        }

        return openers;
    }

    private Incident Open(ReportReceived message, TriageFacts facts, Assessment assessment, string fingerprint, string number, DateTimeOffset now)
    {
        var report = message.Report;
        var detectedAt = Bounded(report.DetectedAt, message.ReceivedAt);
        var (regime, computed) = DeadlineCalculator.Compute(rules.Regimes, facts with { Serious = assessment.Serious }, detectedAt);
        // A drill starts no legal duty.
        IReadOnlyList<LegalDeadline> deadlines = report.Drill ? [] : computed;
        var incident = new Incident
        {
            Id = RowIds.Next(),
            Number = number,
            Title = report.Title,
            Classification = report.Classification,
            Status = Lifecycle.New,
            SeverityLevel = assessment.Level,
            Score = assessment.Score,
            Serious = assessment.Serious,
            Tlp = report.Tlp,
            PersonalData = report.Impact.PersonalData == true,
            NationalSecurityOrPublicOrder = report.Impact.NationalSecurityOrPublicOrder == true,
            Drill = report.Drill,
            DetectedAt = detectedAt,
            OpenedAt = now,
            LastSeenAt = message.ReceivedAt,
            ReportCount = 1,
            Fingerprint = fingerprint,
            PolicyVersion = assessment.PolicyVersion,
            Regime = regime.Id,
            AffectedSystem = report.AffectedSystem is null ? null : IncidentJson.Write(report.AffectedSystem),
            Assessment = IncidentJson.Write(assessment),
            SearchIndexed = true,
        };
        Duties.Merge(incident, deadlines, now);
        deadlines = incident.Deadlines.Select(ToContract).ToList();
        db.Incidents.Add(incident);

        var submitter = new Actor("report:" + message.ReportId.ToString("N"), message.SubmittedBy, message.Channel);
        var bounded = detectedAt != report.DetectedAt;
        var zone = options?.Value.Zone() ?? TimeZoneInfo.Utc;
        db.Append(incident, TimelineKinds.IncidentOpened, submitter, message.ReceivedAt,
            $"Mở sự cố {incident.Number} từ báo cáo \"{report.Title}\"{(report.Drill ? " (DIỄN TẬP)" : "")}"
                + (bounded ? $"; thời điểm phát hiện báo cáo nêu ({LocalTimes.Format(report.DetectedAt, zone)}) quá giới hạn trước khi nhận, tính từ {LocalTimes.Format(detectedAt, zone)}" : ""),
            $"Incident {incident.Number} opened from report \"{report.Title}\"{(report.Drill ? " (EXERCISE)" : "")}"
                + (bounded ? $"; the detection time the report gives ({LocalTimes.Format(report.DetectedAt, zone)}) is beyond the bound before receipt, counted from {LocalTimes.Format(detectedAt, zone)}" : ""),
            bounded
                ? new { message.ReportId, report.Classification, report.Tlp, report.DetectedAt, report.Drill, detectedAtBounded = detectedAt }
                : new { message.ReportId, report.Classification, report.Tlp, report.DetectedAt, report.Drill });
        AppendTriaged(incident, assessment, deadlines, now);
        return incident;
    }

    /// <summary>
    /// Whether a report quoting <paramref name="incident"/> is filed under it: always while it is open (a drill takes drill
    /// reports only); once closed, not a legal initial report nor one that assesses serious. Replying to an old thread is a
    /// common way to report a new attack, and such a report must open its own incident and page, not vanish into a closed
    /// one (or a drill).
    /// </summary>
    private static bool Takes(Incident incident, IncidentReport report, Assessment assessment) =>
        incident.Drill == report.Drill
        && (incident.Status != Lifecycle.Closed || (!report.IsLegalInitialReport && !assessment.Serious));

    /// <summary>
    /// Whether a follow-up of an open incident counts as a correlated report (it may raise severity, TLP, the facts and
    /// move detection earlier): when staff filed it (the API, the console), who may change the incident anyway. An
    /// e-mail only attaches (<see cref="Follow"/>): its number is easy to guess and its TLP is the mailbox's default.
    /// </summary>
    private static bool Correlates(Incident incident, ReportReceived message) =>
        incident.Status != Lifecycle.Closed && message.Channel is ReportChannels.Api or ReportChannels.Web;

    /// <summary>
    /// Whether a report states something severity can be weighed on (the system or an impact). One that states neither
    /// (observables added after filing, a TLP raised, an earlier detection) is scored on unknowns alone: it never raises
    /// an incident's severity nor replaces its explanation, and no "consider raising" note is written for it.
    /// </summary>
    private static bool StatesFacts(IncidentReport report) =>
        report.AffectedSystem is not null || report.Impact is { } i && (i.Functional ?? i.Information ?? i.Recoverability) is not null
        || report.Impact is { } j && (j.ServiceInterrupted ?? j.OwnerCanHandle ?? j.PersonalData ?? j.NationalSecurityOrPublicOrder ?? j.StateSecrets ?? j.MaySpread) is not null;

    /// <summary>Keys <paramref name="fingerprint"/> to the incident its report went into (a new key, or the existing one moved on).</summary>
    private void KeyFingerprint(
        Dictionary<string, CorrelationKey> keys, CorrelationKey? key, string fingerprint, Incident incident, DateTimeOffset receivedAt, bool correlated)
    {
        if (key is null)
        {
            keys[fingerprint] = db.CorrelationKeys.Add(new CorrelationKey { Fingerprint = fingerprint, IncidentId = incident.Id, LastSeenAt = receivedAt }).Entity;
            return;
        }

        key.IncidentId = incident.Id;
        key.LastSeenAt = receivedAt > key.LastSeenAt || !correlated ? receivedAt : key.LastSeenAt;
        key.Version++;
    }

    /// <summary>
    /// Files an e-mailed follow-up (or one of a closed incident) under the incident it quotes and changes nothing else of it:
    /// its TLP (an e-mail's is the mailbox's default), severity, facts, system and detection time stay a person's to change
    /// (the incident's commands), so a sender who knows a number can add a report to the incident's record, not steer it.
    /// A higher or serious assessment is said in the entry, for a person to act on.
    /// </summary>
    private void Follow(Incident incident, ReportReceived message, Assessment assessment)
    {
        var report = message.Report;
        incident.ReportCount++;
        incident.LastSeenAt = message.ReceivedAt > incident.LastSeenAt ? message.ReceivedAt : incident.LastSeenAt;
        var submitter = new Actor("report:" + message.ReportId.ToString("N"), message.SubmittedBy, message.Channel);
        var closed = incident.Status == Lifecycle.Closed;
        // A report stating no facts is scored on unknowns alone: nothing to weigh against the incident's level.
        var higher = StatesFacts(report) && (assessment.Level > incident.SeverityLevel || (assessment.Serious && !incident.Serious));
        var noteVi = higher ? $"; báo cáo này đánh giá mức {SeverityLevels.Of(assessment.Level).NameVi}{(assessment.Serious ? ", nghiêm trọng" : "")}: xem xét nâng mức độ" : "";
        var noteEn = higher ? $"; this report assesses {SeverityLevels.Of(assessment.Level).NameEn}{(assessment.Serious ? ", serious" : "")}: consider raising the severity" : "";
        db.Append(incident, TimelineKinds.ReportCorrelated, submitter, message.ReceivedAt,
            $"Báo cáo \"{report.Title}\" ghi số sự cố {incident.Number}, được gộp vào sự cố{(closed ? " (đã đóng; không mở lại)" : "")} (báo cáo thứ {incident.ReportCount}){noteVi}",
            $"Report \"{report.Title}\" quotes incident {incident.Number} and was filed under it{(closed ? " (closed; not reopened)" : "")} (report {incident.ReportCount}){noteEn}",
            new { message.ReportId, assessment.Level, assessment.Score, assessment.Serious, quoted = incident.Number });
    }

    /// <summary>
    /// A detection time no earlier than the look-back bound before the report was received (the same time at every
    /// triage of it). People's reports are refused beyond it at intake; a monitoring source's time is taken as sent (an
    /// alert firing for weeks, a replayed event, a clock years off), and duties computed from it would start further
    /// overdue, or, before the first legal regime, not at all: the report was never triaged and was announced again
    /// forever. The report keeps the time it said, and the incident's opening entry says when it was bounded.
    /// </summary>
    private DateTimeOffset Bounded(DateTimeOffset detectedAt, DateTimeOffset receivedAt)
    {
        var earliest = receivedAt - (options?.Value.DetectedAtLookBack ?? TimeSpan.FromDays(30));
        return detectedAt < earliest ? earliest : detectedAt;
    }

    /// <summary>Attaches the report to the incident; true when the incident's state changed (its new state is to be published).</summary>
    private bool Correlate(Incident incident, ReportReceived message, TriageFacts facts, Assessment assessment, DateTimeOffset now, bool quoted = false)
    {
        var report = message.Report;
        incident.ReportCount++;
        incident.LastSeenAt = message.ReceivedAt > incident.LastSeenAt ? message.ReceivedAt : incident.LastSeenAt;
        var submitter = new Actor("report:" + message.ReportId.ToString("N"), message.SubmittedBy, message.Channel);
        var (quotesVi, quotesEn) = quoted ? ($" ghi số sự cố {incident.Number},", $" quotes incident {incident.Number} and was") : ("", "");
        db.Append(incident, TimelineKinds.ReportCorrelated, submitter, message.ReceivedAt,
            $"Báo cáo \"{report.Title}\"{quotesVi} được gộp vào sự cố (báo cáo thứ {incident.ReportCount})",
            $"Report \"{report.Title}\"{quotesEn} correlated into the incident (report {incident.ReportCount})",
            new { message.ReportId, assessment.Level, assessment.Score, assessment.Serious });

        var changed = false;
        if (Tlp.Rank(report.Tlp) > Tlp.Rank(incident.Tlp))
        {
            incident.Tlp = report.Tlp;
            changed = true;
        }

        if (report.Impact.PersonalData == true && !incident.PersonalData)
        {
            incident.PersonalData = true;
            changed = true;
        }

        if (report.Impact.NationalSecurityOrPublicOrder == true && !incident.NationalSecurityOrPublicOrder)
        {
            incident.NationalSecurityOrPublicOrder = true;
            changed = true;
        }

        // An earlier detection learned later moves the due times, but not past the look-back bound (new duties would start overdue).
        var detectedAt = Bounded(report.DetectedAt, message.ReceivedAt);
        if (detectedAt < incident.DetectedAt)
        {
            incident.DetectedAt = detectedAt;
        }

        var previousLevel = incident.SeverityLevel;
        var adopted = StatesFacts(report) && (assessment.Level > incident.SeverityLevel || (assessment.Serious && !incident.Serious));
        if (adopted)
        {
            // Severity only rises on its own; lowering it is a person's decision with a reason.
            incident.SeverityLevel = Math.Max(incident.SeverityLevel, assessment.Level);
            incident.Serious |= assessment.Serious;
            incident.Score = assessment.Score;
            incident.Assessment = IncidentJson.Write(assessment);
            incident.PolicyVersion = assessment.PolicyVersion;
            incident.SeverityOverridden = false; // the system set this level: a person's earlier decision was on another assessment
            changed = true;
            db.Append(incident, TimelineKinds.SeverityChanged, Actor.System, now,
                $"Mức độ nâng từ {SeverityLevels.Of(previousLevel).NameVi} lên {SeverityLevels.Of(incident.SeverityLevel).NameVi} do báo cáo mới{(incident.Serious ? ", sự cố nghiêm trọng" : "")}",
                $"Severity raised from {SeverityLevels.Of(previousLevel).NameEn} to {SeverityLevels.Of(incident.SeverityLevel).NameEn} by a new report{(incident.Serious ? ", serious incident" : "")}",
                new { previousLevel, level = incident.SeverityLevel, incident.Serious, message.ReportId });
            db.PublishAfterCommit(new IncidentSeverityChanged(incident.Id, incident.Number, previousLevel, incident.SeverityLevel, incident.Serious,
                Actor.System.Id, "a correlated report scored higher", now), now);
        }

        var combined = facts with
        {
            Serious = incident.Serious,
            PersonalData = incident.PersonalData,
            NationalSecurityOrPublicOrder = incident.NationalSecurityOrPublicOrder ? true : facts.NationalSecurityOrPublicOrder,
        };
        var (_, deadlines) = DeadlineCalculator.Compute(rules.Regimes, combined, incident.DetectedAt);
        if (incident.Drill)
        {
            deadlines = [];
        }

        // New duties start; an earlier detection time learned from this report moves the due times of open ones.
        var dutiesChanged = Duties.Merge(incident, deadlines, now);
        if (changed || dutiesChanged)
        {
            var all = incident.Deadlines.Select(ToContract).OrderBy(d => d.DueAt).ToList();
            // The entry carries the incident's assessment: this report's only when it was adopted (before, a report that only
            // raised the TLP wrote its own unknowns-only score beside the incident's level).
            AppendTriaged(incident, adopted || incident.Assessment is not { Length: > 2 } ? assessment : IncidentJson.Read<Assessment>(incident.Assessment), all, now);
            return true;
        }

        return false;
    }

    private void AppendTriaged(Incident incident, Assessment assessment, IReadOnlyList<LegalDeadline> deadlines, DateTimeOffset now)
    {
        var level = SeverityLevels.Of(incident.SeverityLevel);
        db.Append(incident, TimelineKinds.Triaged, Actor.System, now,
            $"Phân loại: mức {level.NameVi} (điểm {assessment.Score}, chính sách {assessment.PolicyVersion}){(incident.Serious ? ", SỰ CỐ NGHIÊM TRỌNG" : ", sự cố thông thường")}; {deadlines.Count} thời hạn báo cáo",
            $"Triaged: {level.NameEn} (score {assessment.Score}, policy {assessment.PolicyVersion}){(incident.Serious ? ", SERIOUS INCIDENT" : ", ordinary incident")}; {deadlines.Count} reporting deadline(s)",
            new { assessment, deadlines });
    }

    internal static LegalDeadline ToContract(IncidentDeadline d) => Duties.ToContract(d);
}
