using IncidentResponse.ServiceDefaults.Data;
using System.Security.Cryptography;
using System.Text.Json;
using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Configuration;
using IncidentResponse.Notifications.Data;
using IncidentResponse.Notifications.Incidents;
using IncidentResponse.Notifications.Partners;
using IncidentResponse.ServiceDefaults.Committee;
using IncidentResponse.ServiceDefaults.Playbooks;
using IncidentResponse.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Notifications.Deliveries;

/// <summary>What a notice says about the incident, whoever asked for it.</summary>
public sealed record IncidentFacts(
    Guid IncidentId, string Number, string? Title, string Classification, int SeverityLevel, bool Serious, string Tlp, bool PersonalData,
    string? AffectedSystem, string? OwnerAgency, IReadOnlyList<LegalDeadline> Deadlines, bool Drill = false, string? Status = null, string? ReportedVia = null,
    bool? SeriousUndetermined = null)
{
    public static IncidentFacts From(IncidentTriaged incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return new(incident.IncidentId, incident.Number, incident.Title, incident.Classification, incident.SeverityLevel, incident.Serious, incident.Tlp,
            incident.PersonalData, incident.AffectedSystem?.Name, incident.AffectedSystem?.OwnerAgency, incident.Deadlines, incident.Drill, incident.Status,
            incident.ReportedVia, incident.SeriousUndetermined);
    }

    public static IncidentFacts From(Notice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return new(notice.IncidentId, notice.IncidentNumber, notice.Title, notice.Classification, notice.SeverityLevel, notice.Serious, notice.Tlp,
            notice.PersonalData, notice.AffectedSystem, notice.OwnerAgency, notice.Deadlines, notice.Drill, notice.Status, notice.ReportedVia,
            notice.SeriousUndetermined);
    }

    public static IncidentFacts From(IncidentCopy copy)
    {
        ArgumentNullException.ThrowIfNull(copy);
        return new(copy.IncidentId, copy.Number, copy.Title, copy.Classification, copy.SeverityLevel, copy.Serious, copy.Tlp, copy.PersonalData,
            copy.AffectedSystem, copy.OwnerAgency, IncidentCopies.DeadlinesOf(copy), copy.Drill, copy.Status, copy.ReportedVia, copy.SeriousUndetermined);
    }

    /// <summary>
    /// The incident as it is now (this service's copy of its newest state). Without a copy (an incident
    /// from before copies were kept), as the latest notice of the engagement or of the incident told it;
    /// with no notice either only the number is known, under TLP:RED.
    /// </summary>
    public static async Task<IncidentFacts> LatestAsync(NotificationsDbContext db, Guid incidentId, string number, Guid? engagementId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.IncidentId == incidentId, cancellationToken) is { } copy)
        {
            return From(copy);
        }

        // A receipt's notice carries placeholder facts (only its number, title and TLP are the incident's): never the latest word.
        var query = db.Notifications.AsNoTracking().Where(n => n.IncidentId == incidentId && n.Origin != NotificationOrigins.Receipt);
        var json = (engagementId is { } id ? await query.Where(n => n.EngagementId == id).OrderByDescending(n => n.CreatedAt).Select(n => n.Notice).FirstOrDefaultAsync(cancellationToken) : null)
            ?? await query.OrderByDescending(n => n.CreatedAt).Select(n => n.Notice).FirstOrDefaultAsync(cancellationToken);
        return json is null
            ? new(incidentId, number, null, "other:undetermined", 0, false, "RED", false, null, null, [])
            : From(JsonSerializer.Deserialize<Notice>(json, DirectoryJson.Options)!);
    }
}

/// <summary>
/// Who receives one notification: a unit's duty point, a person of the directory or a signed webhook,
/// with the unit the notice is addressed to (its names) and the channels in the order they are tried.
/// </summary>
public sealed record NotificationRecipient(string Key, string Name, string Language, string TimeZone, string Destinations, Unit Unit)
{
    public static NotificationRecipient Duty(Unit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return new("duty:" + unit.Code, unit.NameVi, unit.DutyLanguage, unit.DutyTimeZone, unit.DutyChannels, unit);
    }

    /// <summary>A person: their own channels in order when the directory lists them, else SMS first (a page), then e-mail.</summary>
    public static NotificationRecipient ForPerson(Person person, Unit unit)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(unit);
        return new("person:" + person.Id, person.Name, person.Language, person.TimeZone, PersonChannels(person), unit);
    }

    /// <summary>A person's channels in the order they are tried (see <see cref="ForPerson"/>), as stored JSON.</summary>
    public static string PersonChannels(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (person.Channels is { } own && DirectoryJson.Channels(own).Count > 0)
        {
            return own;
        }

        var channels = new List<ContactChannel>();
        if (person.Phone is { } phone)
        {
            channels.Add(new ContactChannel("sms", phone, null));
        }

        if (person.Email is { } email)
        {
            channels.Add(new ContactChannel("email", email, null));
        }

        return JsonSerializer.Serialize(channels, DirectoryJson.Options);
    }

    /// <summary>A webhook named by an escalation policy, signed with the secret named <paramref name="secretRef"/>.</summary>
    public static NotificationRecipient ForWebhook(Uri url, string? secretRef, Unit unit)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(unit);
        var channels = new[] { new ContactChannel("webhook", url.ToString(), secretRef) };
        var name = $"webhook {url.Host}";
        return new("webhook:" + url, name, "vi", Recipient.DefaultTimeZone, JsonSerializer.Serialize(channels, DirectoryJson.Options), unit);
    }
}

/// <summary>
/// Turns "tell this recipient about this incident" into notification rows, added to the caller's
/// transaction. The idempotency key makes a repeated request add nothing, so one message is sent.
/// </summary>
public sealed class NotificationRequests(IOptions<NotificationsOptions> options, IConfiguration configuration, PlaybookIndex playbooks, IOptions<CommitteeOptions> committee)
{
    public const string AcknowledgePurpose = "acknowledge";

    /// <summary>
    /// Where acknowledgement links point. A stored notice holds only this path: its signed token is added when the notice is
    /// sent (<see cref="SignedAcknowledgeLink"/>), so a copy of the database or of a backup holds no live link (review M3), and
    /// a notice sent again carries a link that lives from that sending.
    /// </summary>
    public const string AcknowledgePath = "ack/";

    /// <summary><paramref name="stored"/>'s acknowledgement link with a token for <paramref name="notificationId"/> signed now, valid for <paramref name="lifetime"/>.</summary>
    public static Uri SignedAcknowledgeLink(Uri stored, Guid notificationId, LinkSigner links, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(links);
        // Relative to the stored link: "…/ack/" gains the token, and a notice stored with a token before (older rows) has it replaced.
        return new Uri(stored, links.Sign(AcknowledgePurpose, notificationId.ToString("N"), lifetime));
    }

    /// <summary>Why a drill's notice is held: its unit has no exercise contact in the directory.</summary>
    public const string HeldNoExerciseContact =
        "Diễn tập: đơn vị không có đầu mối diễn tập trong danh bạ, thông báo được giữ lại, không gửi / drill: the unit has no exercise contact in the directory; the notice is held, not sent";

    /// <summary>
    /// The channels a notice of a drill (diễn tập) goes to: the unit's exercise contacts, whoever the recipient
    /// (duty point, person or webhook); none when the unit has none, and the notice is then held. A drill never uses
    /// a real address.
    /// </summary>
    public static string? ExerciseDestinations(Unit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return string.IsNullOrWhiteSpace(unit.ExerciseChannels)
            || JsonSerializer.Deserialize<List<ContactChannel>>(unit.ExerciseChannels, DirectoryJson.Options) is not { Count: > 0 }
            ? null
            : unit.ExerciseChannels;
    }

    /// <summary>
    /// Adds one notification for <paramref name="recipient"/> unless <paramref name="idempotencyKey"/> was used
    /// (then returns null): the notice, its signed acknowledgement link and code, the channels to try.
    /// </summary>
    public async Task<Notification?> AddAsync(
        NotificationsDbContext db, NotificationRecipient recipient, IncidentFacts incident, NoticeKind kind, Guid? engagementId, string idempotencyKey,
        string origin, string reasonVi, string reasonEn, DateTimeOffset now, CancellationToken cancellationToken, NoticeChange? change = null, string? assignment = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.LocalWithoutDetecting<Notification>().Any(n => n.IdempotencyKey == idempotencyKey)
            || await db.Notifications.AnyAsync(n => n.IdempotencyKey == idempotencyKey, cancellationToken))
        {
            return null;
        }

        var notification = Create(recipient, incident, kind, engagementId, idempotencyKey, origin, reasonVi, reasonEn, now, change, assignment);
        db.Notifications.Add(notification);
        return notification;
    }

    /// <summary>Which of <paramref name="keys"/> are taken already, saved or added to this context: one query for a whole batch.</summary>
    public static async Task<HashSet<string>> TakenKeysAsync(NotificationsDbContext db, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(keys);
        // Notifications are added through their set: the ones this context adds are found without a change-detection pass.
        var taken = db.LocalWithoutDetecting<Notification>().Where(n => keys.Contains(n.IdempotencyKey)).Select(n => n.IdempotencyKey).ToHashSet(StringComparer.Ordinal);
        if (keys.Count > 0)
        {
            taken.UnionWith(await db.Notifications.AsNoTracking().Where(n => keys.Contains(n.IdempotencyKey)).Select(n => n.IdempotencyKey).ToListAsync(cancellationToken));
        }

        return taken;
    }

    /// <summary>
    /// The notification for <paramref name="recipient"/>, not yet added to any context: the caller checks its key (with
    /// <see cref="TakenKeysAsync"/>, once for a batch) and adds it in the transaction that asks for it.
    /// </summary>
    public Notification Create(
        NotificationRecipient recipient, IncidentFacts incident, NoticeKind kind, Guid? engagementId, string idempotencyKey,
        string origin, string reasonVi, string reasonEn, DateTimeOffset now, NoticeChange? change = null, string? assignment = null)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(incident);
        var id = RowIds.Next();
        var code = AcknowledgeCode();
        var baseUrl = options.Value.BaseUrl(configuration["Urls"]);
        var unit = recipient.Unit;
        var notice = new Notice(
            id, incident.IncidentId, incident.Number, kind, incident.Title, incident.Classification, incident.SeverityLevel, incident.Serious,
            incident.Tlp, incident.PersonalData, incident.AffectedSystem, incident.OwnerAgency, incident.Deadlines,
            unit.Code, unit.NameVi, unit.NameEn, reasonVi, reasonEn,
            new Uri(baseUrl, $"incidents/{incident.IncidentId}"), new Uri(baseUrl, AcknowledgePath), code, now,
            PlaybookLink: playbooks.For(incident.Classification, incident.Title) is { } playbook ? new Uri(baseUrl, $"playbooks/{playbook.Slug}") : null,
            Drill: incident.Drill,
            Status: incident.Status,
            Change: change,
            ReportedVia: incident.ReportedVia,
            Assignment: assignment,
            Hotline: committee.Value.PublishedHotline,
            SeriousUndetermined: incident.SeriousUndetermined);
        var exercise = incident.Drill ? ExerciseDestinations(unit) : null;
        var held = incident.Drill && exercise is null;
        return new Notification
        {
            Id = id,
            IdempotencyKey = idempotencyKey,
            IncidentId = incident.IncidentId,
            IncidentNumber = incident.Number,
            EngagementId = engagementId,
            UnitCode = unit.Code,
            RecipientKey = recipient.Key.Length <= 130 ? recipient.Key : recipient.Key[..130],
            RecipientName = ColumnText.Fit(recipient.Name, 300),
            Language = recipient.Language,
            TimeZone = recipient.TimeZone,
            Kind = kind.ToString(),
            Destinations = incident.Drill ? exercise ?? "[]" : recipient.Destinations,
            Notice = JsonSerializer.Serialize(notice, DirectoryJson.Options),
            AcknowledgeCode = code,
            Status = held ? NotificationStatus.Held : NotificationStatus.Pending,
            LastError = held ? HeldNoExerciseContact : null,
            CompletedAt = held ? now : null,
            Origin = origin,
            NextAttemptAt = now,
            CreatedAt = now,
        };
    }

    /// <summary>Eight characters a person can read out on the phone: no 0/O, 1/I/L.</summary>
    private static string AcknowledgeCode() => RandomNumberGenerator.GetString("ABCDEFGHJKMNPQRSTUVWXYZ23456789", 8);
}
