using System.Text.Json;
using IncidentResponse.Notifications.Configuration;
using IncidentResponse.Notifications.Data;
using IncidentResponse.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IncidentResponse.Notifications.Partners;

/// <summary>
/// Brings the units and people that directory files own up to the version in force: adds and updates them,
/// deactivates those the file no longer lists. Rows added in the database (source "database") are left alone.
/// Runs at start-up and, through <see cref="DirectoryVersionWatcher"/>, when a later version comes into force.
/// </summary>
public sealed partial class DirectorySynchroniser(NotificationRules rules, TimeProvider time, ILogger<DirectorySynchroniser>? logger = null) : IDatabaseSeeder
{
    private string? synced;

    /// <summary>The directory version this process last brought the database to; null before the first time.</summary>
    public string? SyncedVersion => Volatile.Read(ref synced);

    /// <summary>At start-up, with the guard of <see cref="CatchUpAsync"/>: a Host started with older files leaves the database alone.</summary>
    public Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        return CatchUpAsync(services.GetRequiredService<NotificationsDbContext>(), cancellationToken);
    }

    /// <summary>
    /// For a version that came into force while this Host runs: brings the database to it unless another Host has (then only
    /// notes it), and never back to an older version, nor over one this Host's files do not have (a Host left with old files).
    /// </summary>
    public async Task CatchUpAsync(NotificationsDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var inForce = rules.DirectoryAt(time.GetUtcNow());
        var held = await db.Units.AsNoTracking()
            .Where(u => u.Active && u.Source.StartsWith(SourcePrefix))
            .Select(u => u.Source).Distinct().ToListAsync(cancellationToken);
        var known = rules.Directories.ToDictionary(f => SourcePrefix + f.Version, f => f.EffectiveFrom, StringComparer.Ordinal);
        if (held.FirstOrDefault(s => !known.TryGetValue(s, out var from) || from > inForce.EffectiveFrom) is { } ahead)
        {
            LogAhead(logger ?? NullLogger<DirectorySynchroniser>.Instance, ahead, inForce.Version);
            return;
        }

        if (held.Count > 0 && held.TrueForAll(s => s == SourcePrefix + inForce.Version))
        {
            Note(inForce.Version, 0); // another Host brought it there
            return;
        }

        await SynchroniseAsync(db, cancellationToken);
    }

    /// <summary>Brings the database to the version in force now; idempotent, and safe beside another Host doing the same.</summary>
    public async Task SynchroniseAsync(NotificationsDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = time.GetUtcNow();
        var file = rules.DirectoryAt(now);
        var source = SourcePrefix + file.Version;
        var units = await db.Units.ToDictionaryAsync(u => u.Code, cancellationToken);
        foreach (var definition in file.Content.Units)
        {
            var channels = JsonSerializer.Serialize(definition.DutyPoint.Channels.Select(c => c.ToContact()).ToList(), DirectoryJson.Options);
            var exercise = definition.ExerciseContacts.Count == 0
                ? null
                : JsonSerializer.Serialize(definition.ExerciseContacts.Select(c => c.ToContact()).ToList(), DirectoryJson.Options);
            if (!units.Remove(definition.Code, out var unit))
            {
                unit = new Unit { Code = definition.Code, NameVi = "", NameEn = "", Kind = "", DutyLanguage = "", DutyTimeZone = "", DutyChannels = "", Source = source };
                db.Units.Add(unit);
            }
            else if (!unit.Source.StartsWith("directory ", StringComparison.Ordinal))
            {
                continue;
            }

            (unit.NameVi, unit.NameEn, unit.Kind, unit.DutyLanguage, unit.DutyTimeZone, unit.DutyChannels, unit.Source, unit.Active, unit.UpdatedAt) =
                (definition.NameVi, definition.NameEn, definition.Kind, definition.DutyPoint.Language, definition.DutyPoint.TimeZone, channels, source, true, now);
            unit.ExerciseChannels = exercise;
        }

        foreach (var orphan in units.Values.Where(u => u.Source.StartsWith("directory ", StringComparison.Ordinal) && u.Active))
        {
            (orphan.Active, orphan.UpdatedAt) = (false, now);
        }

        var people = await db.People.ToDictionaryAsync(p => p.Id, cancellationToken);
        foreach (var definition in file.Content.People)
        {
            if (!people.Remove(definition.Id, out var person))
            {
                person = new Person { Id = definition.Id, Name = "", UnitCode = "", Language = "", TimeZone = "", Source = source };
                db.People.Add(person);
            }
            else if (!person.Source.StartsWith("directory ", StringComparison.Ordinal))
            {
                continue;
            }

            (person.Name, person.UnitCode, person.Email, person.Phone, person.Language, person.TimeZone, person.Source, person.Active, person.UpdatedAt) =
                (definition.Name, definition.Unit, definition.Email, definition.Phone is { } phone ? PhoneNumber.Normalise(phone) : null, definition.Language,
                    definition.TimeZone, source, true, now);
            person.Channels = definition.Channels.Count == 0
                ? null
                : JsonSerializer.Serialize(definition.Channels.Select(c => c.ToContact()).ToList(), DirectoryJson.Options);
        }

        foreach (var orphan in people.Values.Where(p => p.Source.StartsWith("directory ", StringComparison.Ordinal) && p.Active))
        {
            (orphan.Active, orphan.UpdatedAt) = (false, now);
        }

        try
        {
            Note(file.Version, await db.SaveChangesAsync(cancellationToken));
        }
        catch (DbUpdateException ex)
        {
            // Most often another Host inserting the same new unit at the same moment; the watcher tries again (within a second once
            // this Host has synchronised once, else within its longest wait).
            LogNotSaved(logger ?? NullLogger<DirectorySynchroniser>.Instance, file.Version, ex.InnerException?.Message ?? ex.Message);
        }
    }

    private const string SourcePrefix = "directory ";

    private void Note(string version, int rows)
    {
        var before = Interlocked.Exchange(ref synced, version);
        if (before is not null && before != version)
        {
            LogSynchronised(logger ?? NullLogger<DirectorySynchroniser>.Instance, version, before, rows);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Directory version {Version} could not be saved to the database yet: {Reason}")]
    private static partial void LogNotSaved(ILogger logger, string version, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The database holds {Held}, which this Host's directory files do not have or which is later than {Version}: it is left as it is (this Host's rule files are older than another's)")]
    private static partial void LogAhead(ILogger logger, string held, string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Directory version {Version} in force (was {Before}): {Rows} unit and person rows brought up to it")]
    private static partial void LogSynchronised(ILogger logger, string version, string before, int rows);
}
