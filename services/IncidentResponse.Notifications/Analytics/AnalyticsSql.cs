using System.Data.Common;
using IncidentResponse.Notifications.Data;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Notifications.Analytics;

/// <summary>
/// The few provider differences the analytics queries need (tables in the service's schema on PostgreSQL; instants as
/// UTC ticks on SQLite, <c>timestamptz</c> on PostgreSQL), and a reader of their rows. The queries aggregate in the database.
/// </summary>
internal sealed class AnalyticsSql(NotificationsDbContext db)
{
    private readonly bool _sqlite = db.Database.IsSqlite();

    public string Table(string name) => _sqlite ? name : $"\"{db.Schema}\".{name}";

    /// <summary>Seconds from <paramref name="start"/> to <paramref name="end"/>, as a floating-point number.</summary>
    public string Seconds(string end, string start) => _sqlite
        ? $"(CAST(({end}) - ({start}) AS REAL) / 10000000.0)"
        : $"CAST(EXTRACT(EPOCH FROM ({end}) - ({start})) AS double precision)";

    /// <summary>The whole days since 1970-01-01 of <paramref name="instant"/> shifted by <paramref name="offsetSeconds"/> (a local day number).</summary>
    public string LocalDay(string instant, long offsetSeconds) => _sqlite
        ? $"(({instant}) - 621355968000000000 + {offsetSeconds * TimeSpan.TicksPerSecond}) / 864000000000"
        : $"CAST(FLOOR((EXTRACT(EPOCH FROM ({instant})) + {offsetSeconds}) / 86400) AS bigint)";

    public string False => _sqlite ? "0" : "false";

    /// <summary>SQLite has no <c>percentile_cont</c>: there the rows are read and <see cref="Percentiles"/> computes the same.</summary>
    public bool HasPercentiles => !_sqlite;

    public object Instant(DateTimeOffset value) => _sqlite ? value.UtcTicks : value.ToUniversalTime();

    /// <summary>Runs <paramref name="sql"/> with named parameters (<c>@name</c>) and reads each row with <paramref name="read"/>.</summary>
    public async Task<List<T>> ReadAsync<T>(string sql, IReadOnlyDictionary<string, object> parameters, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The SQL is built from constants; every value is a parameter.
            command.CommandText = sql;
#pragma warning restore CA2100
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }

            var rows = new List<T>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(read(reader));
            }

            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public static long Long(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? 0 : Convert.ToInt64(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);

    public static double? Double(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Math.Round(Convert.ToDouble(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture), 1);
}
