using System.Text.Json;
using IncidentResponse.Notifications.Configuration;
using IncidentResponse.Notifications.Data;
using IncidentResponse.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Notifications.Partners;

/// <summary>
/// At start-up, brings the units and people that directory files own up to the version in force:
/// adds and updates them, deactivates those the file no longer lists. Rows added in the database
/// (source "database") are left alone.
/// </summary>
public sealed class DirectorySynchroniser(NotificationRules rules, TimeProvider time) : IDatabaseSeeder
{
    public async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var db = services.GetRequiredService<NotificationsDbContext>();
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
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another Host synchronised the same version at the same moment.
        }
    }
}
