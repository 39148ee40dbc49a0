using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace IncidentResponse.Intake.Email;

/// <summary>
/// Why a message could not be filed: because of what it holds (a value the database refuses, a
/// message that does not parse), which trying again cannot change, or because the database or the
/// mailbox is unavailable, which passes. Only the first kind may set a message aside.
/// </summary>
public static class FilingFailure
{
    /// <summary>True when the message itself is at fault, so filing it again the same way fails again.</summary>
    public static bool IsTheMessages(Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                // Data exceptions (22: too long, NUL, bad encoding) and integrity violations (23).
                case PostgresException postgres:
                    return postgres.SqlState.StartsWith("22", StringComparison.Ordinal) || postgres.SqlState.StartsWith("23", StringComparison.Ordinal);
                case NpgsqlException:
                    return false; // the connection, not the data
                // SQLITE_TOOBIG, SQLITE_CONSTRAINT, SQLITE_MISMATCH, SQLITE_RANGE; busy, locked, full disk … pass.
                case SqliteException sqlite:
                    return sqlite.SqliteErrorCode is 18 or 19 or 20 or 25;
                case OperationCanceledException or TimeoutException or IOException or SocketException
                    or ImapProtocolException or ImapCommandException or ServiceNotConnectedException or ServiceNotAuthenticatedException:
                    return false;
                default:
                    break;
            }
        }

        return true;
    }

    /// <summary>
    /// The cause in one line for the log: exception types, and the database's error code and text
    /// (never its detail, which quotes the values). Nothing of the message itself.
    /// </summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var parts = new List<string>();
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            parts.Add(ex switch
            {
                PostgresException postgres => $"PostgreSQL {postgres.SqlState}: {postgres.MessageText}",
                SqliteException sqlite => $"SQLite {sqlite.SqliteErrorCode}/{sqlite.SqliteExtendedErrorCode}",
                _ => ex.GetType().Name,
            });
        }

        return string.Join(" ← ", parts);
    }
}
