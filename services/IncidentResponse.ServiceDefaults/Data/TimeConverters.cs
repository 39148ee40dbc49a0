using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace IncidentResponse.ServiceDefaults.Data;

/// <summary>Stores an instant as UTC ticks (SQLite), so it can be compared and ordered in queries.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));

/// <summary>Normalises an instant to offset zero (PostgreSQL timestamptz).</summary>
public sealed class UtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
    v => v.ToUniversalTime(),
    v => v.ToUniversalTime());
