using Microsoft.EntityFrameworkCore.Migrations;

namespace IncidentResponse.ServiceDefaults.Data;

/// <summary>
/// How PostgreSQL compresses a column's large values (above about 2 KB a row's biggest values are compressed before they
/// are stored, TOAST). The default, <c>pglz</c>, was 4 % of the server's CPU under load in the benchmark (a notice with its
/// legal deadlines is 3 KB, eight per report); <c>lz4</c> compresses and decompresses several times faster for a similar size.
/// A server without it (before PostgreSQL 14, or built without lz4) keeps <c>pglz</c>: the migration checks, and never fails
/// on it. Values already stored keep their compression; both are read alike.
/// </summary>
public static class ToastCompression
{
    /// <summary>New values of <paramref name="columns"/> of <paramref name="schema"/>.<paramref name="table"/> compressed with lz4 when the server has it.</summary>
    public static void UseLz4(this MigrationBuilder migrationBuilder, string schema, string table, params string[] columns) =>
        Set(migrationBuilder, schema, table, columns, "lz4");

    /// <summary>Back to the server's default compression (the migration's <c>Down</c>).</summary>
    public static void UseDefaultCompression(this MigrationBuilder migrationBuilder, string schema, string table, params string[] columns) =>
        Set(migrationBuilder, schema, table, columns, "default");

    private static void Set(MigrationBuilder migrationBuilder, string schema, string table, string[] columns, string method)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        ArgumentException.ThrowIfNullOrEmpty(schema);
        ArgumentException.ThrowIfNullOrEmpty(table);
        if (columns.Length == 0)
        {
            throw new ArgumentException("name at least one column", nameof(columns));
        }

        var alters = string.Join(", ", columns.Select(c => $"ALTER COLUMN {Quote(c)} SET COMPRESSION {method}"));
        migrationBuilder.Sql($"""
            DO $$
            BEGIN
                IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
                    ALTER TABLE {Quote(schema)}.{Quote(table)} {alters};
                END IF;
            END
            $$;
            """);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
