using System.Security.Cryptography;
using System.Text.Json;
using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Configuration;
using IncidentResponse.Notifications.Data;
using IncidentResponse.Notifications.Partners;
using IncidentResponse.ServiceDefaults.Security;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Notifications.Deliveries;

/// <summary>
/// Turns "tell this unit about this incident" into notification rows, added to the caller's
/// transaction. The idempotency key makes a repeated request add nothing, so one message is sent.
/// </summary>
public sealed class NotificationRequests(LinkSigner links, IOptions<NotificationsOptions> options, IConfiguration configuration)
{
    public const string AcknowledgePurpose = "acknowledge";

    /// <summary>Adds one notification for the unit's duty point unless <paramref name="idempotencyKey"/> was used; returns how many it added.</summary>
    public async Task<int> AddForUnitAsync(
        NotificationsDbContext db, Unit unit, IncidentTriaged incident, NoticeKind kind, Guid? engagementId, string idempotencyKey,
        string reasonVi, string reasonEn, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(incident);
        if (await db.Notifications.AnyAsync(n => n.IdempotencyKey == idempotencyKey, cancellationToken)
            || db.Notifications.Local.Any(n => n.IdempotencyKey == idempotencyKey))
        {
            return 0;
        }

        var id = NewId.NextGuid();
        var code = AcknowledgeCode();
        var baseUrl = options.Value.BaseUrl(configuration["Urls"]);
        var token = links.Sign(AcknowledgePurpose, id.ToString("N"), options.Value.AcknowledgeLinkLifetime);
        var notice = new Notice(
            id, incident.IncidentId, incident.Number, kind, incident.Title, incident.Classification, incident.SeverityLevel, incident.Serious,
            incident.Tlp, incident.PersonalData, incident.AffectedSystem?.Name, incident.AffectedSystem?.OwnerAgency, incident.Deadlines,
            unit.Code, unit.NameVi, unit.NameEn, reasonVi, reasonEn,
            new Uri(baseUrl, $"incidents/{incident.IncidentId}"), new Uri(baseUrl, $"ack/{token}"), code, now);
        db.Notifications.Add(new Notification
        {
            Id = id,
            IdempotencyKey = idempotencyKey,
            IncidentId = incident.IncidentId,
            IncidentNumber = incident.Number,
            EngagementId = engagementId,
            UnitCode = unit.Code,
            RecipientKey = "duty:" + unit.Code,
            RecipientName = unit.NameVi,
            Language = unit.DutyLanguage,
            TimeZone = unit.DutyTimeZone,
            Kind = kind.ToString(),
            Destinations = unit.DutyChannels,
            Notice = JsonSerializer.Serialize(notice, DirectoryJson.Options),
            AcknowledgeCode = code,
            Status = NotificationStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
        });
        return 1;
    }

    /// <summary>Eight characters a person can read out on the phone: no 0/O, 1/I/L.</summary>
    private static string AcknowledgeCode() => RandomNumberGenerator.GetString("ABCDEFGHJKMNPQRSTUVWXYZ23456789", 8);
}
