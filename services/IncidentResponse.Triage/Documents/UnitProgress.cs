using System.Text.Json;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Timeline;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Triage.Documents;

/// <summary>
/// One unit engaged on an incident and the furthest step its latest engagement has reached (<see cref="Steps"/>), read from
/// the incident's timeline, the record the committee answers for: what a progress report or a request for support says
/// about who is already working on it. For a decline, <c>HandedTo</c> is the unit it was handed to (null: to nobody).
/// </summary>
public sealed record UnitProgress(string Code, string? NameVi, DateTimeOffset EngagedAt, string Step, DateTimeOffset StepAt, string? HandedTo = null)
{
    /// <summary>The steps in the order a unit goes through them, with what a form prints for each.</summary>
    public static IReadOnlyList<(string Kind, string Vi)> Steps { get; } =
    [
        (TimelineKinds.UnitEngaged, "Đã phân công, chưa xác nhận nhận thông báo"),
        (TimelineKinds.UnitAcknowledged, "Đã xác nhận nhận thông báo"),
        (TimelineKinds.UnitAccepted, "Đang xử lý"),
        (TimelineKinds.UnitDeclined, "Từ chối xử lý"),
        (TimelineKinds.UnitResolved, "Đã xử lý xong phần việc"),
    ];

    /// <summary>The step as a form prints it; a decline says to whom it was handed.</summary>
    public string StepVi => Step == TimelineKinds.UnitDeclined && HandedTo is { } to
        ? $"{Steps.First(s => s.Kind == Step).Vi}, chuyển cho {to}"
        : Steps.First(s => s.Kind == Step).Vi;

    /// <summary>
    /// The units engaged on <paramref name="incidentId"/>, in the order they were engaged: each unit's latest engagement (by
    /// when it happened, whatever order the entries were written in) with the furthest step of that engagement.
    /// </summary>
    public static async Task<IReadOnlyList<UnitProgress>> LoadAsync(TriageDbContext db, Guid incidentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var kinds = Steps.Select(s => s.Kind).ToList();
        var entries = (await db.TimelineEntries.AsNoTracking().Where(e => e.IncidentId == incidentId && kinds.Contains(e.Kind))
                .OrderBy(e => e.Sequence).Select(e => new { e.Kind, e.OccurredAt, e.Data }).ToListAsync(cancellationToken))
            .Select(e => (e.Kind, e.OccurredAt, Facts: Read(e.Data)))
            .Where(e => e.Facts is not null)
            .Select(e => (e.Kind, e.OccurredAt, Facts: e.Facts!.Value))
            .ToList();
        var latest = entries.Where(e => e.Kind == TimelineKinds.UnitEngaged)
            .GroupBy(e => e.Facts.Unit, StringComparer.Ordinal)
            .Select(g => g.OrderBy(e => e.OccurredAt).Last())
            .ToList();
        var steps = entries.Where(e => e.Kind != TimelineKinds.UnitEngaged).ToLookup(e => e.Facts.Engagement);
        return [.. latest.OrderBy(e => e.OccurredAt).Select(engaged =>
        {
            var name = engaged.Facts.Name ?? entries.LastOrDefault(e => e.Kind == TimelineKinds.UnitEngaged && e.Facts.Unit == engaged.Facts.Unit && e.Facts.Name is not null).Facts.Name;
            var furthest = steps[engaged.Facts.Engagement].OrderBy(e => Rank(e.Kind)).ThenBy(e => e.OccurredAt).LastOrDefault();
            return furthest.Kind is null
                ? new UnitProgress(engaged.Facts.Unit, name, engaged.OccurredAt, TimelineKinds.UnitEngaged, engaged.OccurredAt)
                : new UnitProgress(engaged.Facts.Unit, name, engaged.OccurredAt, furthest.Kind, furthest.OccurredAt,
                    furthest.Kind == TimelineKinds.UnitDeclined ? furthest.Facts.HandedTo : null);
        })];
    }

    private static int Rank(string kind) => kind switch
    {
        TimelineKinds.UnitAcknowledged => 1,
        TimelineKinds.UnitAccepted => 2,
        _ => 3,
    };

    /// <summary>The engagement, unit, name and hand-over an entry records; null for one without an engagement and a unit.</summary>
    private static (Guid Engagement, string Unit, string? Name, string? HandedTo)? Read(string? data)
    {
        if (data is null)
        {
            return null;
        }

        using var json = JsonDocument.Parse(data);
        var root = json.RootElement;
        string? Text(string property) => root.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return root.TryGetProperty("engagementId", out var id) && id.TryGetGuid(out var engagement) && Text("unit") is { Length: > 0 } unit
            ? (engagement, unit, Text("unitName"), Text("handedTo"))
            : null;
    }
}
