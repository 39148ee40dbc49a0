using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Contracts.Reports;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.ServiceDefaults.Outbox;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Policy;
using IncidentResponse.Triage.Timeline;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Triage.Incidents;

/// <summary>
/// Triage of one report: assess it with the policy in force, then either attach it to the open
/// incident with the same fingerprint (within the window) or open a new incident. Everything it
/// decides — incident, timeline, messages — is committed in one transaction, once per report; only
/// a new incident's number is claimed before, on its own (see <see cref="IncidentNumbers"/>).
/// </summary>
public sealed class ReportReceivedConsumer(TriageDbContext db, RuleBook rules, IncidentNumbers numbers, TimeProvider time) : IConsumer<ReportReceived>
{
    public async Task Consume(ConsumeContext<ReportReceived> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        var cancel = context.CancellationToken;
        if (await db.IncidentReports.AnyAsync(l => l.ReportId == message.ReportId, cancel))
        {
            return; // this report was triaged before: at-least-once delivery, applied once
        }

        var now = time.GetUtcNow();
        var policy = rules.PolicyAt(now);
        var facts = TriageFacts.From(message.Report);
        var assessment = SeverityAssessor.Assess(facts, policy);
        var fingerprint = Fingerprint.Of(message.Report, policy.Correlation, message.ReportId);

        var key = await db.CorrelationKeys.FirstOrDefaultAsync(k => k.Fingerprint == fingerprint, cancel);
        var incident = key is not null && key.LastSeenAt >= message.ReceivedAt - policy.Correlation.WindowSpan
            ? await db.Incidents.Include(i => i.Deadlines).FirstOrDefaultAsync(i => i.Id == key.IncidentId && i.Status != Lifecycle.Closed, cancel)
            : null;
        var correlated = incident is not null;
        incident = correlated
            ? Correlate(incident!, message, facts, assessment, now)
            : Open(message, facts, assessment, fingerprint, await numbers.ClaimAsync(message.ReportId, now, cancel), now);

        if (key is null)
        {
            db.CorrelationKeys.Add(new CorrelationKey { Fingerprint = fingerprint, IncidentId = incident.Id, LastSeenAt = message.ReceivedAt });
        }
        else
        {
            key.IncidentId = incident.Id;
            key.LastSeenAt = message.ReceivedAt > key.LastSeenAt || !correlated ? message.ReceivedAt : key.LastSeenAt;
            key.Version++;
        }

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
            Report = IncidentJson.Write(message.Report),
        });
        db.PublishAfterCommit(new ReportTriaged(message.ReportId, incident.Id, incident.Number, correlated, now), now);
        await db.SaveChangesAsync(cancel);
    }

    private Incident Open(ReportReceived message, TriageFacts facts, Assessment assessment, string fingerprint, string number, DateTimeOffset now)
    {
        var report = message.Report;
        var (regime, deadlines) = DeadlineCalculator.Compute(rules.Regimes, facts with { Serious = assessment.Serious }, report.DetectedAt);
        var incident = new Incident
        {
            Id = NewId.NextGuid(),
            Number = number,
            Title = report.Title,
            Classification = report.Classification,
            Status = Lifecycle.New,
            SeverityLevel = assessment.Level,
            Score = assessment.Score,
            Serious = assessment.Serious,
            Tlp = report.Tlp,
            PersonalData = report.Impact.PersonalData == true,
            DetectedAt = report.DetectedAt,
            OpenedAt = now,
            LastSeenAt = message.ReceivedAt,
            ReportCount = 1,
            Fingerprint = fingerprint,
            PolicyVersion = assessment.PolicyVersion,
            Regime = regime.Id,
            AffectedSystem = report.AffectedSystem is null ? null : IncidentJson.Write(report.AffectedSystem),
            Assessment = IncidentJson.Write(assessment),
        };
        incident.Deadlines.AddRange(deadlines.Select(d => ToEntity(incident.Id, d)));
        db.Incidents.Add(incident);

        var submitter = new Actor("report:" + message.ReportId.ToString("N"), message.SubmittedBy, message.Channel);
        db.Append(incident, TimelineKinds.IncidentOpened, submitter, message.ReceivedAt,
            $"Mở sự cố {incident.Number} từ báo cáo \"{report.Title}\"",
            $"Incident {incident.Number} opened from report \"{report.Title}\"",
            new { message.ReportId, report.Classification, report.Tlp, report.DetectedAt });
        AppendTriaged(incident, assessment, deadlines, now);

        db.PublishAfterCommit(new IncidentOpened(incident.Id, incident.Number, message.ReportId, incident.Title, incident.Classification, incident.DetectedAt, now), now);
        db.PublishAfterCommit(Triaged(incident, report.AffectedSystem, deadlines, now), now);
        return incident;
    }

    private Incident Correlate(Incident incident, ReportReceived message, TriageFacts facts, Assessment assessment, DateTimeOffset now)
    {
        var report = message.Report;
        incident.ReportCount++;
        incident.LastSeenAt = message.ReceivedAt > incident.LastSeenAt ? message.ReceivedAt : incident.LastSeenAt;
        var submitter = new Actor("report:" + message.ReportId.ToString("N"), message.SubmittedBy, message.Channel);
        db.Append(incident, TimelineKinds.ReportCorrelated, submitter, message.ReceivedAt,
            $"Báo cáo \"{report.Title}\" được gộp vào sự cố (báo cáo thứ {incident.ReportCount})",
            $"Report \"{report.Title}\" correlated into the incident (report {incident.ReportCount})",
            new { message.ReportId, assessment.Level, assessment.Score, assessment.Serious });
        db.PublishAfterCommit(new ReportCorrelated(incident.Id, incident.Number, message.ReportId, incident.ReportCount, now), now);

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

        if (report.DetectedAt < incident.DetectedAt)
        {
            incident.DetectedAt = report.DetectedAt;
        }

        var previousLevel = incident.SeverityLevel;
        if (assessment.Level > incident.SeverityLevel || (assessment.Serious && !incident.Serious))
        {
            // Severity only rises on its own; lowering it is a person's decision with a reason.
            incident.SeverityLevel = Math.Max(incident.SeverityLevel, assessment.Level);
            incident.Serious |= assessment.Serious;
            incident.Score = assessment.Score;
            incident.Assessment = IncidentJson.Write(assessment);
            incident.PolicyVersion = assessment.PolicyVersion;
            changed = true;
            db.Append(incident, TimelineKinds.SeverityChanged, Actor.System, now,
                $"Mức độ nâng từ {SeverityLevels.Of(previousLevel).NameVi} lên {SeverityLevels.Of(incident.SeverityLevel).NameVi} do báo cáo mới{(incident.Serious ? ", sự cố nghiêm trọng" : "")}",
                $"Severity raised from {SeverityLevels.Of(previousLevel).NameEn} to {SeverityLevels.Of(incident.SeverityLevel).NameEn} by a new report{(incident.Serious ? ", serious incident" : "")}",
                new { previousLevel, level = incident.SeverityLevel, incident.Serious, message.ReportId });
            db.PublishAfterCommit(new IncidentSeverityChanged(incident.Id, incident.Number, previousLevel, incident.SeverityLevel, incident.Serious,
                Actor.System.Id, "a correlated report scored higher", now), now);
        }

        var combined = facts with { Serious = incident.Serious, PersonalData = incident.PersonalData };
        var (_, deadlines) = DeadlineCalculator.Compute(rules.Regimes, combined, incident.DetectedAt);
        var added = deadlines.Where(d => incident.Deadlines.All(e => e.Kind != d.Id)).ToList();
        incident.Deadlines.AddRange(added.Select(d => ToEntity(incident.Id, d)));
        if (changed || added.Count > 0)
        {
            var all = incident.Deadlines.Select(ToContract).OrderBy(d => d.DueAt).ToList();
            AppendTriaged(incident, assessment, all, now);
            db.PublishAfterCommit(Triaged(incident, report.AffectedSystem, all, now), now);
        }

        return incident;
    }

    private void AppendTriaged(Incident incident, Assessment assessment, IReadOnlyList<LegalDeadline> deadlines, DateTimeOffset now)
    {
        var level = SeverityLevels.Of(incident.SeverityLevel);
        db.Append(incident, TimelineKinds.Triaged, Actor.System, now,
            $"Phân loại: mức {level.NameVi} (điểm {assessment.Score}, chính sách {assessment.PolicyVersion}){(incident.Serious ? ", SỰ CỐ NGHIÊM TRỌNG" : ", sự cố thông thường")}; {deadlines.Count} thời hạn báo cáo",
            $"Triaged: {level.NameEn} (score {assessment.Score}, policy {assessment.PolicyVersion}){(incident.Serious ? ", SERIOUS INCIDENT" : ", ordinary incident")}; {deadlines.Count} reporting deadline(s)",
            new { assessment, deadlines });
    }

    private static IncidentTriaged Triaged(Incident incident, AffectedSystem? system, IReadOnlyList<LegalDeadline> deadlines, DateTimeOffset now) =>
        new(incident.Id, incident.Number, incident.Title, incident.Classification, incident.SeverityLevel, incident.Score, incident.Serious,
            incident.Tlp, incident.PersonalData, system, deadlines, incident.PolicyVersion, now);

    internal static IncidentDeadline ToEntity(Guid incidentId, LegalDeadline d) => new()
    {
        IncidentId = incidentId,
        Kind = d.Id,
        DueAt = d.DueAt,
        Regime = d.Regime,
        NameVi = d.NameVi,
        NameEn = d.NameEn,
        Basis = d.Basis,
        Recipients = string.Join(',', d.Recipients),
    };

    internal static LegalDeadline ToContract(IncidentDeadline d) =>
        new(d.Kind, d.DueAt, d.Regime, d.NameVi, d.NameEn, d.Basis, d.Recipients.Split(',', StringSplitOptions.RemoveEmptyEntries));
}
