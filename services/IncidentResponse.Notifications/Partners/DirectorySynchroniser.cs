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

    public Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        return SynchroniseAsync(services.GetRequiredService<NotificationsDbContext>(), cancellationToken);
    }

    /// <summary>Brings the database to the version in force now; idempotent, and safe beside another Host doing the same.</summary>
    public async Task SynchroniseAsync(NotificationsDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = time.GetUtcNow();
        var file = rules.DirectoryAt(now);
        var source = "directory " + file.Version;
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
            var changed = await db.SaveChangesAsync(cancellationToken);
            var before = Interlocked.Exchange(ref synced, file.Version);
            if (before is not null && before != file.Version)
            {
                LogSynchronised(logger ?? NullLogger<DirectorySynchroniser>.Instance, file.Version, before, changed);
            }
        }
        catch (DbUpdateException)
        {
            // Another Host synchronised the same version at the same moment; the next round finds nothing to do.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Directory version {Version} in force (was {Before}): {Rows} unit and person rows brought up to it")]
    private static partial void LogSynchronised(ILogger logger, string version, string before, int rows);
}
