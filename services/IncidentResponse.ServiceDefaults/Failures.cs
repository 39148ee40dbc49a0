using Microsoft.Data.Sqlite;
using Npgsql;

namespace IncidentResponse.ServiceDefaults;

/// <summary>Says why something failed in one readable line, for logs and health reports.</summary>
public static class Failures
{
    /// <summary>No stack trace; the exception type is only named for unexpected failures.</summary>
    public static string Describe(Exception ex) => ex switch
    {
        NpgsqlException { InnerException: { } inner } => $"{ex.Message} ({inner.Message})",
        NpgsqlException or SqliteException => ex.Message,
        InvalidOperationException { InnerException: NpgsqlException npgsql } => Describe(npgsql),
        ArgumentException => $"invalid connection string: {ex.Message}",
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };
}
