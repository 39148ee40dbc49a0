using System.Globalization;

namespace IncidentResponse.ServiceDefaults.Committee;

/// <summary>
/// Times written into text people read (notices, timeline entries, pages) are written in a zone they live in, never in
/// UTC: <c>dd/MM/yyyy HH:mm (UTC+07:00)</c>, the offset stated so a reader elsewhere can convert.
/// </summary>
public static class LocalTimes
{
    /// <summary>Where the committee and its partners are: Vietnam.</summary>
    public const string DefaultZone = "Asia/Ho_Chi_Minh";

    /// <summary>The zone named <paramref name="id"/>; Vietnam when it is empty or unknown here, UTC as a last resort.</summary>
    public static TimeZoneInfo Zone(string? id)
    {
        foreach (var candidate in new[] { id, DefaultZone })
        {
            if (!string.IsNullOrWhiteSpace(candidate) && TimeZoneInfo.TryFindSystemTimeZoneById(candidate, out var zone))
            {
                return zone;
            }
        }

        return TimeZoneInfo.Utc;
    }

    /// <summary><c>dd/MM/yyyy HH:mm (UTC+07:00)</c> in <paramref name="zone"/>.</summary>
    public static string Format(DateTimeOffset at, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var offset = local.Offset;
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return string.Create(CultureInfo.InvariantCulture, $"{local:dd/MM/yyyy HH:mm} (UTC{sign}{offset:hh\\:mm})");
    }
}
