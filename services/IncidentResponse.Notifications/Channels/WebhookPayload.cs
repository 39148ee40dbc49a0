using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// The JSON body POSTed to a webhook (camelCase). Fields withheld under TLP are <c>null</c>; <c>drill</c>: an exercise (diễn tập).
/// <c>summary</c> is the human text (class name, severity name, status) in Vietnamese and English, never raw codes;
/// <c>update</c> says what changed in an update notice (kind <c>update</c>); <c>assignment</c> is why the committee engaged the unit by
/// hand (null when routing did; <c>""</c> when TLP withholds it).
/// </summary>
public sealed record WebhookPayload(
    Guid NotificationId,
    NoticeKind Kind,
    WebhookIncident Incident,
    WebhookUnit Unit,
    WebhookText Reason,
    WebhookLinks Links,
    string AcknowledgeCode,
    DateTimeOffset CreatedAt,
    bool Withheld,
    Uri? PlaybookUrl,
    bool Drill = false,
    WebhookText? Summary = null,
    WebhookText? Update = null,
    string? Assignment = null)
{
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static WebhookPayload From(Notice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return new(
            notice.NotificationId,
            notice.Kind,
            new WebhookIncident(
                notice.IncidentId,
                notice.IncidentNumber,
                notice.Title,
                notice.Classification,
                notice.SeverityLevel,
                notice.Serious,
                TlpText.Label(notice.Tlp),
                notice.PersonalData,
                notice.AffectedSystem,
                notice.OwnerAgency,
                [.. notice.Deadlines.Select(d => new WebhookDeadline(d.Id, d.DueAt, d.Regime, d.NameVi, d.NameEn, d.Basis))],
                notice.ReportedVia,
                notice.Serious ? false : notice.SeriousUndetermined),
            new WebhookUnit(notice.UnitCode, notice.UnitNameVi, notice.UnitNameEn),
            new WebhookText(notice.ReasonVi, notice.ReasonEn),
            new WebhookLinks(notice.IncidentLink, notice.AcknowledgeLink),
            notice.AcknowledgeCode,
            notice.CreatedAt,
            notice.Withheld,
            notice.PlaybookLink,
            notice.Drill,
            new WebhookText(SummaryOf(notice, english: false), SummaryOf(notice, english: true)),
            notice.Change is { IsEmpty: false } change ? new WebhookText(change.Text(english: false), change.Text(english: true)) : null,
            notice.Assignment);
    }

    private static string SummaryOf(Notice notice, bool english)
    {
        var parts = new List<string>
        {
            NoticeFormat.Classification(notice.Classification, english),
            NoticeFormat.Severity(notice.SeverityLevel, english) + $" ({notice.SeverityLevel}/5)",
        };
        if (notice.Serious)
        {
            parts.Add(NoticeFormat.Serious(english));
        }
        else if (notice.SeriousUndetermined is { } undetermined)
        {
            parts.Add(NoticeFormat.NotSerious(undetermined, english));
        }

        if (notice.Status is { } status)
        {
            parts.Add((english ? "status: " : "trạng thái: ") + NoticeFormat.Status(status, english));
        }

        return string.Join(" — ", parts);
    }

    public byte[] ToUtf8Bytes() => JsonSerializer.SerializeToUtf8Bytes(this, JsonOptions);
}

public sealed record WebhookIncident(
    Guid Id,
    string Number,
    string? Title,
    string Classification,
    int SeverityLevel,
    bool Serious,
    string Tlp,
    bool PersonalData,
    string? AffectedSystem,
    string? OwnerAgency,
    IReadOnlyList<WebhookDeadline> Deadlines,
    string? ReportedVia = null,
    bool? SeriousUndetermined = null);

public sealed record WebhookDeadline(string Id, DateTimeOffset DueAt, string Regime, string NameVi, string NameEn, string Basis);

public sealed record WebhookUnit(string Code, string NameVi, string NameEn);

public sealed record WebhookText(string Vi, string En);

public sealed record WebhookLinks(Uri Incident, Uri Acknowledge);
