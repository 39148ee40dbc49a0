using System.Text.Json;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Timeline;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Triage.Documents;

/// <summary>
/// One unit engaged on an incident and the furthest step it has reached (<see cref="UnitProgress.Steps"/>), read from the
/// incident's timeline, the record the committee answers for: what a progress report or a request for support says about
/// who is already working on it.
/// </summary>
public sealed record UnitProgress(string Code, string? NameVi, DateTimeOffset EngagedAt, string Step, DateTimeOffset StepAt)
{
    /// <summary>The steps in the order a unit goes through them, with what a form prints for each.</summary>
    public static IReadOnlyList<(string Kind, string Vi)> Steps { get; } =
    [
        (TimelineKinds.UnitEngaged, "Đã phân công, chưa xác nhận đã nhận"),
        (TimelineKinds.UnitAcknowledged, "Đã xác nhận đã nhận"),
        (TimelineKinds.UnitAccepted, "Đang xử lý"),
        (TimelineKinds.UnitDeclined, "Từ chối, đã chuyển đơn vị khác"),
        (TimelineKinds.UnitResolved, "Đã xử lý xong phần việc"),
    ];

    public string StepVi => Steps.First(s => s.Kind == Step).Vi;

    /// <summary>The units engaged on <paramref name="incidentId"/>, in the order they were engaged.</summary>
    public static async Task<IReadOnlyList<UnitProgress>> LoadAsync(TriageDbContext db, Guid incidentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var kinds = Steps.Select(s => s.Kind).ToList();
        var entries = await db.TimelineEntries.AsNoTracking().Where(e => e.IncidentId == incidentId && kinds.Contains(e.Kind))
            .OrderBy(e => e.Sequence).Select(e => new { e.Kind, e.OccurredAt, e.Data }).ToListAsync(cancellationToken);
        var parsed = entries.Select(e => (e.Kind, e.OccurredAt, Unit: Unit(e.Data))).Where(e => e.Unit is not null).ToList();
        var units = new Dictionary<string, UnitProgress>(StringComparer.Ordinal);
        foreach (var (_, at, unit) in parsed.Where(e => e.Kind == TimelineKinds.UnitEngaged))
        {
            // Engaged again (a decline handed it back, a re-route): the unit starts over from its latest engagement.
            var (code, name) = unit!.Value;
            units[code] = new UnitProgress(code, name ?? units.GetValueOrDefault(code)?.NameVi, at, TimelineKinds.UnitEngaged, at);
        }

        // By time, not by the order the messages arrived in: an acknowledgement redelivered late still counts.
        foreach (var (kind, at, unit) in parsed.Where(e => e.Kind != TimelineKinds.UnitEngaged).OrderBy(e => e.OccurredAt))
        {
            if (units.TryGetValue(unit!.Value.Code, out var known) && at >= known.EngagedAt && Rank(kind) >= Rank(known.Step))
            {
                units[known.Code] = known with { Step = kind, StepAt = at };
            }
        }

        return [.. units.Values.OrderBy(u => u.EngagedAt)];
    }

    private static int Rank(string kind) => kind switch
    {
        TimelineKinds.UnitEngaged => 0,
        TimelineKinds.UnitAcknowledged => 1,
        TimelineKinds.UnitAccepted => 2,
        _ => 3,
    };

    private static (string Code, string? Name)? Unit(string? data)
    {
        if (data is null)
        {
            return null;
        }

        using var json = JsonDocument.Parse(data);
        var root = json.RootElement;
        if (!root.TryGetProperty("unit", out var unit) || unit.ValueKind != JsonValueKind.String || unit.GetString() is not { Length: > 0 } code)
        {
            return null;
        }

        var name = root.TryGetProperty("unitName", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        return (code, name);
    }
}
