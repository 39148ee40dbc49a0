using IncidentResponse.Contracts.Notifications;
using IncidentResponse.Notifications.Data;
using IncidentResponse.Notifications.Partners;
using IncidentResponse.Notifications.Routing;
using IncidentResponse.ServiceDefaults.Outbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Notifications.Engagements;

/// <summary>
/// A note a unit writes on its engagement (from the portal or the API). The note is not kept here:
/// it is announced (outbox, one transaction) and lands on the incident's timeline, which is the record.
/// </summary>
public sealed class EngagementNotes(NotificationsDbContext db, TimeProvider time)
{
    public const int MaxLength = 4000;

    /// <summary>The announced note, or null when the engagement does not exist or <paramref name="mayAct"/> hides it.</summary>
    public async Task<EngagementNoteAdded?> AddAsync(Guid engagementId, EngagementActor actor, string text, Func<Engagement, bool>? mayAct, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var engagement = await db.Engagements.AsNoTracking().FirstOrDefaultAsync(e => e.Id == engagementId, cancellationToken);
        if (engagement is null || (mayAct is not null && !mayAct(engagement)))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var by = actor.Name.Length <= 300 ? actor.Name : actor.Name[..300];
        var (nameVi, nameEn) = await UnitNames.OfAsync(db, engagement.UnitCode, cancellationToken);
        var note = new EngagementNoteAdded(NewId.NextGuid(), engagement.Id, engagement.IncidentId, engagement.IncidentNumber, engagement.UnitCode, text, by, actor.Channel, now,
            nameVi, nameEn);
        db.PublishAfterCommit(note, now);
        await db.SaveChangesAsync(cancellationToken);
        return note;
    }
}
