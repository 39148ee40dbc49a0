using IncidentResponse.Contracts.Reports;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Incidents;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Triage.Register;

/// <summary>
/// Keeps the register's index in the transaction that changes what it covers: the incident's number and title, the
/// affected system (name, owner, operator, ISP, domains, IPs), every report's title and observables, and the units
/// engaged. Only adds: nothing searchable about an incident is ever removed.
/// </summary>
public static class RegisterIndex
{
    /// <summary>What an incident and one of its reports make searchable.</summary>
    public static IEnumerable<string?> Texts(Incident incident, IncidentReport? report)
    {
        ArgumentNullException.ThrowIfNull(incident);
        yield return incident.Number;
        yield return incident.Title;
        if (report is null)
        {
            yield break;
        }

        yield return report.Title;
        foreach (var text in Texts(report.AffectedSystem))
        {
            yield return text;
        }

        foreach (var observable in report.Observables ?? [])
        {
            yield return observable.Value;
        }
    }

    public static IEnumerable<string?> Texts(AffectedSystem? system)
    {
        if (system is null)
        {
            yield break;
        }

        yield return system.Name;
        yield return system.OwnerAgency;
        yield return system.Operator;
        yield return system.Isp;
        foreach (var value in (system.Domains ?? []).Concat(system.Ips ?? []))
        {
            yield return value;
        }
    }

    /// <summary>
    /// Adds the terms each incident lacks to its one search row (read, or created, in this context): one row written per
    /// incident, however many terms. Callers hold the incidents' locks, so two writers never merge into the same row at once.
    /// </summary>
    public static async Task AddTermsAsync(this TriageDbContext db, IReadOnlyDictionary<Guid, ISet<string>> terms, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(terms);
        var ids = terms.Where(t => t.Value.Count > 0).Select(t => t.Key).ToList();
        if (ids.Count == 0)
        {
            return;
        }

        // Search rows, incidents and units are added through their sets: found without a change-detection pass.
        var wanted = ids.ToHashSet();
        var tracked = db.TrackedWithoutDetecting<IncidentSearch>().Select(e => e.Entity).Where(s => wanted.Contains(s.IncidentId)).ToDictionary(s => s.IncidentId);
        // An incident this context is adding has no row yet: only the others' rows are read.
        var adding = db.TrackedWithoutDetecting<Incident>().Where(e => e.State == EntityState.Added).Select(e => e.Entity.Id).ToHashSet();
        var unread = ids.Where(id => !tracked.ContainsKey(id) && !adding.Contains(id)).ToList();
        if (unread.Count > 0)
        {
            foreach (var row in await db.Search.Where(s => unread.Contains(s.IncidentId)).ToListAsync(cancel))
            {
                tracked[row.IncidentId] = row;
            }
        }

        foreach (var id in ids)
        {
            if (!tracked.TryGetValue(id, out var row))
            {
                tracked[id] = row = db.Search.Add(new IncidentSearch { IncidentId = id }).Entity;
            }

            row.Add(terms[id]);
        }
    }

    /// <summary>Records the units engaged that are not recorded yet, and makes their code and names searchable.</summary>
    public static async Task AddUnitsAsync(this TriageDbContext db, IReadOnlyCollection<EngagedUnit> units, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(units);
        if (units.Count == 0)
        {
            return;
        }

        var ids = units.Select(u => u.IncidentId).Distinct().ToList();
        var present = (await db.IncidentUnits.AsNoTracking().Where(u => ids.Contains(u.IncidentId)).Select(u => new { u.IncidentId, u.UnitCode }).ToListAsync(cancel))
            .Select(u => (u.IncidentId, u.UnitCode))
            .Concat(db.TrackedWithoutDetecting<IncidentUnit>().Select(e => (e.Entity.IncidentId, e.Entity.UnitCode)))
            .ToHashSet();
        foreach (var unit in units.Where(u => present.Add((u.IncidentId, u.Code))))
        {
            db.IncidentUnits.Add(new IncidentUnit { IncidentId = unit.IncidentId, UnitCode = unit.Code, EngagedAt = unit.At });
        }

        await db.AddTermsAsync(units.GroupBy(u => u.IncidentId).ToDictionary(g => g.Key, g => SearchText.Terms(g.SelectMany(u => new[] { u.Code, u.NameVi, u.NameEn }))), cancel);
    }
}

/// <summary>A unit engaged on an incident, as triage learns it from notifications.</summary>
public sealed record EngagedUnit(Guid IncidentId, string Code, string? NameVi, string? NameEn, DateTimeOffset At);
