using IncidentResponse.Contracts.Escalation;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Data;
using IncidentResponse.Notifications.Deliveries;
using IncidentResponse.Notifications.Incidents;
using IncidentResponse.Notifications.Partners;
using IncidentResponse.Notifications.Routing;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Outbox;
using IncidentResponse.ServiceDefaults.Security;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IncidentResponse.Notifications.Engagements;

/// <summary>
/// Pages the targets of a due escalation step, or nobody. In one transaction: the engagement's state
/// is checked, the pages are created and the engagement's <see cref="Engagement.Version"/> is bumped,
/// so a step racing an acknowledgement either commits first (and the acknowledgement then cancels its
/// unclaimed pages) or loses, is retried on fresh state, sees the acknowledgement and pages nobody.
/// A step's page that commits as the incident closes (after the close read the pending notices it cancels) is not sent:
/// the dispatcher finds the incident closed and records it cancelled (<see cref="NotificationDelivery"/>).
/// </summary>
public sealed partial class EscalationStepDueConsumer(
    NotificationsDbContext db, NotificationRequests requests, DispatchSignal signal, TimeProvider time,
    ILogger<EscalationStepDueConsumer> logger) : IConsumer<EscalationStepDue>
{
    public const string AcknowledgedReason = StepSkipReasons.Acknowledged;
    public const string NoTargetReason = StepSkipReasons.NoTarget;
    public const string ClosedReason = StepSkipReasons.Closed;

    public async Task Consume(ConsumeContext<EscalationStepDue> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var paged = await PageAsync(context.MessageId ?? throw new InvalidOperationException("message has no MessageId"), context.Message, context.CancellationToken);
        if (paged > 0)
        {
            signal.Notify();
        }
    }

    /// <summary>Applies the step once; returns how many notifications it created.</summary>
    public Task<int> PageAsync(Guid messageId, EscalationStepDue m, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(m);
        return db.RetryOnConflictAsync(async () =>
        {
            var now = time.GetUtcNow();
            if (!await db.TryRecordFirstDeliveryAsync(messageId, nameof(EscalationStepDueConsumer), now, cancellationToken))
            {
                return 0;
            }

            var engagement = await db.Engagements.FirstOrDefaultAsync(e => e.Id == m.EngagementId, cancellationToken);
            if (engagement is null)
            {
                LogUnknownEngagement(logger, m.EngagementId, m.IncidentNumber);
                Skip(m, NoTargetReason, "Không tìm thấy phân công", "the engagement is not known", now,
                    names: await UnitNames.OfAsync(db, m.UnitCode, cancellationToken));
                await db.SaveChangesAsync(cancellationToken);
                return 0;
            }

            var retrigger = m.Retrigger && engagement.State == EngagementStates.Acknowledged;
            if (engagement.State != EngagementStates.Notified && !retrigger)
            {
                var names = await UnitNames.OfAsync(db, engagement.UnitCode, cancellationToken);
                Skip(m, AcknowledgedReason,
                    $"Đơn vị đã {StateVi(engagement.State)} ({engagement.AcknowledgedBy}, {engagement.AcknowledgedVia}); không gọi ai",
                    $"The unit has {engagement.State} ({engagement.AcknowledgedBy}, {engagement.AcknowledgedVia}); nobody paged", now,
                    engagement.State, engagement.ResolvedAt ?? engagement.DeclinedAt ?? engagement.AcceptedAt ?? engagement.AcknowledgedAt, names);
                await db.SaveChangesAsync(cancellationToken);
                return 0;
            }

            var copy = await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.IncidentId == engagement.IncidentId, cancellationToken);
            if (copy?.Status == IncidentCopies.Closed)
            {
                Skip(m, ClosedReason, "Sự cố đã đóng; không gọi ai", "The incident is closed; nobody paged", now,
                    names: await UnitNames.OfAsync(db, engagement.UnitCode, cancellationToken));
                await db.SaveChangesAsync(cancellationToken);
                return 0;
            }

            var facts = copy is null
                ? await IncidentFacts.LatestAsync(db, engagement.IncidentId, engagement.IncidentNumber, engagement.Id, cancellationToken)
                : IncidentFacts.From(copy);
            var home = await db.Units.FirstOrDefaultAsync(u => u.Code == engagement.UnitCode, cancellationToken);
            // The unit by its name in the directory, as the notice's reader knows it; its code only when the directory has none.
            var unitVi = home?.NameVi ?? engagement.UnitCode;
            var unitEn = home?.NameEn ?? engagement.UnitCode;
            var reasonVi = m.Retrigger
                ? $"Nhắc lại: đơn vị {unitVi} đã xác nhận nhưng chưa nhận xử lý hay từ chối trong thời hạn (vòng {m.Round}, bước {m.Step})"
                : $"Nhắc lại / chuyển cấp: chưa có xác nhận đã nhận thông báo của đơn vị {unitVi} (vòng {m.Round}, bước {m.Step})";
            var reasonEn = m.Retrigger
                ? $"Reminder: unit {unitEn} acknowledged but neither accepted nor declined in time (round {m.Round}, step {m.Step})"
                : $"Reminder / escalation: unit {unitEn} has not acknowledged the notice yet (round {m.Round}, step {m.Step})";
            var origin = NotificationOrigins.Step(m.Round, m.Step);
            var recipients = new List<string>();
            var already = 0;
            foreach (var target in m.Targets)
            {
                var recipient = StepChannels.Only(await RecipientAsync(target, home, cancellationToken), target.Channels);
                if (recipient is null)
                {
                    LogUnknownTarget(logger, target.Kind, target.Kind == PageTarget.Webhook ? SecretUrls.Mask(target.Id) : target.Id, m.EngagementId, m.Round, m.Step);
                    continue;
                }

                var key = $"escalation:{m.EngagementId:N}:r{m.Round}:s{m.Step}:{target.Kind}:{target.Id}";
                var added = await requests.AddAsync(db, recipient, facts, NoticeKind.Escalation, engagement.Id, key.Length <= 200 ? key : key[..200], origin,
                    reasonVi, reasonEn, now, cancellationToken);
                if (added is not null)
                {
                    recipients.Add(recipient.Name);
                }
                else
                {
                    already++;
                }
            }

            if (recipients.Count == 0 && already > 0)
            {
                // This step paged already (escalation sent it again, not having heard the answer): answer again, page nobody more.
                db.PublishAfterCommit(new EscalationStepPaged(engagement.Id, engagement.IncidentId, engagement.IncidentNumber, engagement.UnitCode, m.PolicyId,
                    m.Round, m.Step, m.Retrigger, [], now, Repeat: true, UnitNameVi: home?.NameVi, UnitNameEn: home?.NameEn), now);
                await db.SaveChangesAsync(cancellationToken);
                return 0;
            }

            if (recipients.Count == 0)
            {
                Skip(m, NoTargetReason, "Không có người/địa chỉ nào của bước này trong danh bạ", "no target of this step is in the directory", now,
                    names: (home?.NameVi, home?.NameEn));
                await db.SaveChangesAsync(cancellationToken);
                return 0;
            }

            if (retrigger)
            {
                engagement.State = EngagementStates.Notified;
            }

            engagement.CurrentRound = m.Round;
            engagement.CurrentStep = m.Step;
            engagement.Version++;
            db.PublishAfterCommit(new EscalationStepPaged(engagement.Id, engagement.IncidentId, engagement.IncidentNumber, engagement.UnitCode, m.PolicyId,
                m.Round, m.Step, m.Retrigger, recipients, now, UnitNameVi: home?.NameVi, UnitNameEn: home?.NameEn), now);
            await db.SaveChangesAsync(cancellationToken);
            return recipients.Count;
        }, cancellationToken, tries: 10);
    }

    private async Task<NotificationRecipient?> RecipientAsync(PageTarget target, Unit? home, CancellationToken cancellationToken)
    {
        switch (target.Kind)
        {
            case PageTarget.Person:
                var person = await db.People.FirstOrDefaultAsync(p => p.Id == target.Id && p.Active, cancellationToken);
                if (person is null || (person.Phone is null && person.Email is null && person.Channels is null))
                {
                    return null;
                }

                var unit = await db.Units.FirstOrDefaultAsync(u => u.Code == person.UnitCode, cancellationToken) ?? home;
                return unit is null ? null : NotificationRecipient.ForPerson(person, unit);
            case PageTarget.Unit:
                var duty = await db.Units.FirstOrDefaultAsync(u => u.Code == target.Id && u.Active, cancellationToken);
                return duty is null ? null : NotificationRecipient.Duty(duty);
            case PageTarget.Webhook:
                return home is not null && Uri.TryCreate(target.Id, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
                    ? NotificationRecipient.ForWebhook(url, target.SecretRef, home)
                    : null;
            default:
                return null;
        }
    }

    /// <summary>Tells escalation (and the timeline) that the step paged nobody; <paramref name="names"/>: the unit's, when known.</summary>
    private void Skip(
        EscalationStepDue m, string reason, string detailVi, string detailEn, DateTimeOffset now, string? state = null, DateTimeOffset? milestoneAt = null,
        (string? Vi, string? En) names = default) =>
        db.PublishAfterCommit(new EscalationStepSkipped(m.EngagementId, m.IncidentId, m.IncidentNumber, m.UnitCode, m.PolicyId, m.Round, m.Step, reason,
            detailVi, detailEn, now, state, milestoneAt, names.Vi, names.En), now);

    private static string StateVi(string state) => state switch
    {
        EngagementStates.Acknowledged => "xác nhận đã nhận",
        EngagementStates.Accepted => "nhận xử lý",
        EngagementStates.Declined => "từ chối",
        EngagementStates.Resolved => "xử lý xong",
        _ => state,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escalation step for engagement {EngagementId} of incident {Incident}: no such engagement; nobody paged")]
    private static partial void LogUnknownEngagement(ILogger logger, Guid engagementId, string incident);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escalation target {Kind} {Id} of engagement {EngagementId} (round {Round}, step {Step}) is not in the directory; skipped")]
    private static partial void LogUnknownTarget(ILogger logger, string kind, string id, Guid engagementId, int round, int step);
}
