using IncidentResponse.Contracts.Escalation;
using IncidentResponse.Contracts.Notifications;
using IncidentResponse.ServiceDefaults.Committee;
using IncidentResponse.ServiceDefaults.Redrive;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Policy;
using IncidentResponse.Triage.Timeline;
using MassTransit;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Triage.Incidents;

/// <summary>
/// Puts the engagement lifecycle and the escalation on the incident's timeline: units that accepted,
/// declined (with the reason and to whom it was handed) or resolved, escalation steps that paged or
/// were skipped, chains that ran out, legal deadline alerts, and the notes units write. Once per message.
/// </summary>
public sealed class EngagementActivityConsumer(TriageDbContext db, IOptions<TriageOptions> options, TimeProvider time) :
    IConsumer<EngagementAccepted>, IConsumer<EngagementDeclined>, IConsumer<EngagementResolved>, IConsumer<EngagementNoteAdded>,
    IConsumer<EscalationStepPaged>, IConsumer<EscalationStepSkipped>, IConsumer<EscalationExhausted>, IConsumer<LegalDeadlineAlert>, IConsumer<LegalDeadlineAlertAnswered>
{
    private static readonly Actor Escalation = new("system:escalation", "Hệ thống chuyển cấp / escalation", "system");

    private static Actor Partner(string unit, string by, string channel) => new($"unit:{unit}", by, channel);

    public Task Consume(ConsumeContext<EngagementAccepted> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        return AppendAsync(context, m.IncidentId, TimelineKinds.UnitAccepted, Partner(m.UnitCode, m.AcceptedBy, m.Channel), m.AcceptedAt,
            $"Đơn vị {m.UnitNameVi ?? m.UnitCode} nhận xử lý sự cố ({m.AcceptedBy}, qua {m.Channel})",
            $"Unit {m.UnitNameEn ?? m.UnitCode} accepted the incident ({m.AcceptedBy}, by {m.Channel})",
            new { m.EngagementId, unit = m.UnitCode, by = m.AcceptedBy, m.Channel });
    }

    public Task Consume(ConsumeContext<EngagementDeclined> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        return AppendAsync(context, m.IncidentId, TimelineKinds.UnitDeclined, Partner(m.UnitCode, m.DeclinedBy, m.Channel), m.DeclinedAt,
            $"Đơn vị {m.UnitNameVi ?? m.UnitCode} từ chối xử lý ({m.DeclinedBy}, qua {m.Channel}): {m.Reason}. Chuyển cho {m.HandedToNameVi ?? m.HandedTo}",
            $"Unit {m.UnitNameEn ?? m.UnitCode} declined ({m.DeclinedBy}, by {m.Channel}): {m.Reason}. Handed to {m.HandedToNameEn ?? m.HandedTo}",
            new { m.EngagementId, unit = m.UnitCode, by = m.DeclinedBy, m.Channel, m.Reason, handedTo = m.HandedTo });
    }

    public Task Consume(ConsumeContext<EngagementResolved> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        var summary = string.IsNullOrWhiteSpace(m.Summary) ? string.Empty : $": {m.Summary}";
        return AppendAsync(context, m.IncidentId, TimelineKinds.UnitResolved, Partner(m.UnitCode, m.ResolvedBy, m.Channel), m.ResolvedAt,
            $"Đơn vị {m.UnitNameVi ?? m.UnitCode} đã xử lý xong phần việc của mình ({m.ResolvedBy}, qua {m.Channel}){summary}",
            $"Unit {m.UnitNameEn ?? m.UnitCode} resolved its part ({m.ResolvedBy}, by {m.Channel}){summary}",
            new { m.EngagementId, unit = m.UnitCode, by = m.ResolvedBy, m.Channel, m.Summary });
    }

    public Task Consume(ConsumeContext<EngagementNoteAdded> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        return AppendAsync(context, m.IncidentId, TimelineKinds.UnitNote, Partner(m.UnitCode, m.AddedBy, m.Channel), m.AddedAt,
            $"Ghi chú của đơn vị {m.UnitNameVi ?? m.UnitCode} ({m.AddedBy}, qua {m.Channel}): {m.Text}",
            $"Note from unit {m.UnitNameEn ?? m.UnitCode} ({m.AddedBy}, by {m.Channel}): {m.Text}",
            new { m.NoteId, m.EngagementId, unit = m.UnitCode, by = m.AddedBy, m.Channel, m.Text });
    }

    public Task Consume(ConsumeContext<EscalationStepPaged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        var who = string.Join(", ", m.Recipients);
        var retrigger = m.Retrigger ? " — nhắc lại vì chưa nhận xử lý" : string.Empty;
        var retriggerEn = m.Retrigger ? " — re-triggered: nobody took it on" : string.Empty;
        return AppendAsync(context, m.IncidentId, TimelineKinds.EscalationPaged, Escalation, m.PagedAt,
            $"Chuyển cấp đơn vị {m.UnitNameVi ?? m.UnitCode}: vòng {m.Round}, bước {m.Step} (chính sách {m.PolicyId}) gọi {who}{retrigger}",
            $"Escalation of unit {m.UnitNameEn ?? m.UnitCode}: round {m.Round}, step {m.Step} (policy {m.PolicyId}) paged {who}{retriggerEn}",
            new { m.EngagementId, unit = m.UnitCode, policy = m.PolicyId, m.Round, m.Step, m.Retrigger, recipients = m.Recipients },
            StableKey.Of($"step:{m.EngagementId:N}:{m.Round}:{m.Step}"));
    }

    public Task Consume(ConsumeContext<EscalationStepSkipped> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        return AppendAsync(context, m.IncidentId, TimelineKinds.EscalationSkipped, Escalation, m.SkippedAt,
            $"Bỏ qua bước chuyển cấp của đơn vị {m.UnitNameVi ?? m.UnitCode}: vòng {m.Round}, bước {m.Step} ({m.Reason}): {m.DetailVi}",
            $"Escalation step of unit {m.UnitNameEn ?? m.UnitCode} skipped: round {m.Round}, step {m.Step} ({m.Reason}): {m.DetailEn}",
            new { m.EngagementId, unit = m.UnitCode, policy = m.PolicyId, m.Round, m.Step, m.Reason });
    }

    public Task Consume(ConsumeContext<EscalationExhausted> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        return AppendAsync(context, m.IncidentId, TimelineKinds.EscalationExhausted, Escalation, m.ExhaustedAt,
            $"ĐÃ HẾT các bước chuyển cấp của đơn vị {m.UnitNameVi ?? m.UnitCode} sau {m.Rounds} vòng (chính sách {m.PolicyId}) mà chưa có ai xác nhận",
            $"Escalation of unit {m.UnitNameEn ?? m.UnitCode} EXHAUSTED after {m.Rounds} rounds (policy {m.PolicyId}) with nobody acknowledging",
            new { m.EngagementId, unit = m.UnitCode, policy = m.PolicyId, m.Rounds });
    }

    public Task Consume(ConsumeContext<LegalDeadlineAlert> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        var overdue = LegalDeadlineAlert.IsOverdueStage(m.Stage);
        return AppendAsync(context, m.IncidentId, TimelineKinds.LegalDeadlineAlert, Escalation, m.RaisedAt,
            overdue
                ? $"QUÁ HẠN pháp lý: {m.NameVi} (hạn {Local(m.DueAt)}, {m.Basis}); cảnh báo gửi tới {m.NotifyUnitNameVi ?? m.NotifyUnit}"
                : $"Sắp đến hạn pháp lý: {m.NameVi} (hạn {Local(m.DueAt)}, {m.Basis}); cảnh báo gửi tới {m.NotifyUnitNameVi ?? m.NotifyUnit}",
            overdue
                ? $"Legal deadline OVERDUE: {m.NameEn} (due {Local(m.DueAt)}, {m.Basis}); alert to {m.NotifyUnitNameEn ?? m.NotifyUnit}"
                : $"Legal deadline approaching: {m.NameEn} (due {Local(m.DueAt)}, {m.Basis}); alert to {m.NotifyUnitNameEn ?? m.NotifyUnit}",
            new { deadline = m.DeadlineId, m.Stage, m.DueAt, m.Basis, notify = m.NotifyUnit },
            StableKey.Of($"deadline:{m.IncidentId:N}:{m.DeadlineId}:{m.Stage}:{m.RaisedAt.UtcTicks}"));
    }

    /// <summary>
    /// The answer to an alert whose unit is not an active unit of the directory: nobody was told, and the timeline says so
    /// beside the alert's entry (whose sentence was written before notifications knew), so a typo in the escalation
    /// policies cannot pass for a warning given. An answer that told its unit, or from before answers said, adds nothing.
    /// </summary>
    public Task Consume(ConsumeContext<LegalDeadlineAlertAnswered> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Message is not { Told: false, Alert: { } m })
        {
            return Task.CompletedTask;
        }

        return AppendAsync(context, m.IncidentId, TimelineKinds.LegalDeadlineAlert, Escalation, context.Message.AnsweredAt,
            LegalDeadlineAlert.IsOverdueStage(m.Stage)
                ? $"KHÔNG báo được cho ai rằng nghĩa vụ «{m.NameVi}» đã quá hạn: đơn vị «{m.NotifyUnit}» do chính sách chuyển cấp chỉ định không có trong danh bạ hoặc đã ngừng hoạt động"
                : $"KHÔNG báo được cho ai rằng nghĩa vụ «{m.NameVi}» sắp đến hạn: đơn vị «{m.NotifyUnit}» do chính sách chuyển cấp chỉ định không có trong danh bạ hoặc đã ngừng hoạt động",
            LegalDeadlineAlert.IsOverdueStage(m.Stage)
                ? $"NOBODY was told that the duty “{m.NameEn}” is overdue: the unit “{m.NotifyUnit}” the escalation policies name is not in the directory or is retired"
                : $"NOBODY was told that the duty “{m.NameEn}” is coming due: the unit “{m.NotifyUnit}” the escalation policies name is not in the directory or is retired",
            new { deadline = m.DeadlineId, m.Stage, m.DueAt, m.Basis, notify = m.NotifyUnit, told = false },
            StableKey.Of($"deadline-untold:{m.IncidentId:N}:{m.DeadlineId}:{m.Stage}:{m.RaisedAt.UtcTicks}"));
    }

    /// <summary>A time in the committee's zone (<c>Triage:TimeZone</c>), as the console's readers live it.</summary>
    private string Local(DateTimeOffset at) => LocalTimes.Format(at, options.Value.Zone());

    private Task<bool> AppendAsync(
        ConsumeContext context, Guid incidentId, string kind, Actor actor, DateTimeOffset at, string summaryVi, string summaryEn, object data, Guid? onceKey = null) =>
        db.AppendOnceAsync(context, nameof(EngagementActivityConsumer), time.GetUtcNow(), incidentId, kind, actor, at, summaryVi, summaryEn, data, onceKey);
}
