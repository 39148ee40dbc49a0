using Npgsql;

namespace IncidentResponse.ServiceDefaults.Data;

/// <summary>
/// Gives each service its own PostgreSQL login role owning only its schema: for every service whose
/// <c>Database:ConnectionStrings:&lt;schema&gt;</c> names a user other than the shared connection's, the
/// role is created (or its password set), the schema is created or handed to it, and every table and
/// sequence already in the schema (a deployment that ran on one role before) changes owner. Other
/// roles get no privilege on the schema, so one service's role cannot read another's tables.
/// Runs on the shared connection string, which must be allowed to create roles.
/// </summary>
public static class ServiceRoles
{
    public static async Task EnsureAsync(DatabaseOptions options, IEnumerable<string> schemas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(schemas);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new InvalidOperationException("Database:CreateServiceRoles needs Database:ConnectionString, a role allowed to create roles");
        }

        var admin = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        foreach (var schema in schemas.Distinct(StringComparer.Ordinal))
        {
            if (!options.ConnectionStrings.TryGetValue(schema, out var own) || string.IsNullOrWhiteSpace(own))
            {
                continue;
            }

            var login = new NpgsqlConnectionStringBuilder(own);
            if (string.IsNullOrEmpty(login.Username) || string.Equals(login.Username, admin.Username, StringComparison.Ordinal))
            {
                continue;
            }

            await EnsureRoleAsync(connection, schema, login.Username, login.Password, cancellationToken);
        }
    }

    private static async Task EnsureRoleAsync(NpgsqlConnection connection, string schema, string role, string? password, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var exists = await ScalarAsync(connection, "SELECT count(*) FROM pg_roles WHERE rolname = $1", role, cancellationToken) > 0;
        var secret = password is null ? "" : $" PASSWORD {Literal(password)}";
        using (OpenTelemetry.SuppressInstrumentationScope.Begin())
        {
            // The statement holds the password as a literal (DDL takes no parameters): no trace span records it.
            await ExecuteAsync(connection, $"{(exists ? "ALTER" : "CREATE")} ROLE {Identifier(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE{secret}", cancellationToken);
        }

        // The creating role must be able to act as the new one to hand it objects (PostgreSQL 16 grants this to a role's creator anyway).
        await ExecuteAsync(connection, $"GRANT {Identifier(role)} TO CURRENT_USER", cancellationToken);
        await ExecuteAsync(connection, $"CREATE SCHEMA IF NOT EXISTS {Identifier(schema)} AUTHORIZATION {Identifier(role)}", cancellationToken);
        await ExecuteAsync(connection, $"ALTER SCHEMA {Identifier(schema)} OWNER TO {Identifier(role)}", cancellationToken);
        await ExecuteAsync(connection, $"REVOKE ALL ON SCHEMA {Identifier(schema)} FROM PUBLIC", cancellationToken);
        var owned = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT 'TABLE ' || quote_ident(tablename) FROM pg_tables WHERE schemaname = $1 "
            + "UNION ALL SELECT 'SEQUENCE ' || quote_ident(sequencename) FROM pg_sequences WHERE schemaname = $1 "
            + "UNION ALL SELECT 'VIEW ' || quote_ident(viewname) FROM pg_views WHERE schemaname = $1", connection))
        {
            list.Parameters.AddWithValue(schema);
            await using var reader = await list.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                owned.Add(reader.GetString(0));
            }
        }

        foreach (var item in owned)
        {
            var space = item.IndexOf(' ', StringComparison.Ordinal);
            var kind = item[..space];
            var name = item[(space + 1)..];
            // A sequence owned by a table's column follows its table and cannot be changed alone.
            if (kind == "SEQUENCE" && await ScalarAsync(connection,
                    "SELECT count(*) FROM pg_depend d JOIN pg_class s ON s.oid = d.objid JOIN pg_namespace n ON n.oid = s.relnamespace "
                    + "WHERE d.deptype IN ('a', 'i') AND n.nspname = $1 AND quote_ident(s.relname) = $2", schema, cancellationToken, name) > 0)
            {
                continue;
            }

            await ExecuteAsync(connection, $"ALTER {kind} {Identifier(schema)}.{name} OWNER TO {Identifier(role)}", cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, string value, CancellationToken cancellationToken, string? second = null)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(value);
        if (second is not null)
        {
            command.Parameters.AddWithValue(second);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
#pragma warning disable CA2100 // names and the password are quoted by Identifier and Literal; DDL takes no parameters
        await using var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
