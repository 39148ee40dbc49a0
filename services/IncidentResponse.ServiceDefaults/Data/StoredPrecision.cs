namespace IncidentResponse.ServiceDefaults.Data;

/// <summary>
/// A moment as both databases keep it: whole microseconds (PostgreSQL's resolution; SQLite keeps ticks). A time written and
/// then read back, or hashed before and checked after, is then the same.
/// </summary>
public static class StoredPrecision
{
    public static DateTimeOffset Of(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % 10), TimeSpan.Zero);
}
