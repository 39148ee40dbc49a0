using System.Text.Json;

namespace IncidentResponse.Web.Pages.Admin;

// What the administration pages read from the JSON API (only the fields they show).

public sealed record PageOf<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public sealed record UserRow(Guid Id, string UserName, string? Email, string DisplayName, string? Role, string? Unit, string? PersonId,
    DateTimeOffset CreatedAt, DateTimeOffset? LockedUntil, DateTimeOffset? DisabledAt, int FailedAttempts);

public sealed record UserWithPassword(UserRow User, string? Password);

public sealed record AuditRow(long Id, DateTimeOffset At, string ActorId, string ActorName, string Action, string Subject, string? Before, string? After);

public sealed record ChannelRow(string Channel, string Address);

public sealed record UnitRow(string Code, string NameVi, string NameEn, string Kind, string DutyLanguage, string DutyTimeZone,
    IReadOnlyList<ChannelRow> DutyChannels, string Source, bool Active);

public sealed record PersonRow(string Id, string Name, string Unit, string? Email, string? Phone, string Language, string TimeZone, string Source, bool Active);

public sealed record IntegrationRow(Guid Id, string Name, string Kind, string Prefix, string Classification, string? OwnerAgency, string Tlp, string OnResolve,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt);

public sealed record IssuedIntegrationRow(Guid Id, string Name, string Kind, string Key);

public sealed record GapRow(string Unit, string ScheduleId, DateTimeOffset Start, DateTimeOffset End);

/// <summary>Pretty JSON of an API answer shown as it is (escalation policies).</summary>
public static class JsonText
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Pretty(JsonElement element) => JsonSerializer.Serialize(element, Indented);
}

public sealed record ParkedItemRow(
    Guid Id, string Kind, string Database, string? Queue, string MessageType, Guid MessageId, string State, int Attempts,
    string? FirstError, string? LastError, DateTimeOffset? FirstFailedAt, DateTimeOffset? LastFailedAt, DateTimeOffset? NextAttemptAt, string Body);

public sealed record ParkedGroupRow(string Database, string Kind, string? Queue, string State, int Count, DateTimeOffset? FirstFailedAt, string? FirstError);

public sealed record ParkedOverviewRow(IReadOnlyList<ParkedGroupRow> Queues, IReadOnlyList<ParkedItemRow> Items);
