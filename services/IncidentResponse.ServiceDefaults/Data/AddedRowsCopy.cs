using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;

namespace IncidentResponse.ServiceDefaults.Data;

/// <summary>
/// Writes a batch's new rows of append-only tables with PostgreSQL's <c>COPY … FROM STDIN (FORMAT BINARY)</c>
/// instead of one <c>INSERT</c> each: no statement to parse or plan per row, no parameters to build on the client.
/// A group-commit writer that adds hundreds of rows per transaction spends most of its time in
/// <c>SaveChanges</c> otherwise (see <c>docs/benchmarks/2026-12-04-lean-9.md</c>).
/// The rows are the entities the context tracks as added, written in the open transaction, in the order of
/// the types given (parents first), and then tracked as unchanged, as a save leaves them; what is left
/// (updates, other tables) is saved by <c>SaveChanges</c> as before, in the same transaction. On SQLite, outside
/// a transaction, below <see cref="MinimumRows"/> or for a table with a column it cannot write, nothing is copied
/// and <c>SaveChanges</c> writes everything: the same rows, the same transaction, only the adapter differs.
/// A unique or foreign-key violation comes out as the <see cref="DbUpdateException"/> a save would throw.
/// </summary>
public static class AddedRowsCopy
{
    /// <summary>Fewer new rows than this go through <c>SaveChanges</c>: a <c>COPY</c> costs round trips of its own.</summary>
    public const int MinimumRows = 32;

    private static readonly ConcurrentDictionary<IEntityType, CopyPlan?> Plans = new();

    /// <summary>
    /// <c>SaveChanges</c>, with the added entities of <paramref name="types"/> copied first when there are enough of them
    /// on PostgreSQL: in the open transaction, or in one begun and committed here (a save begins one of its own anyway).
    /// Changes are detected once, when the added entities are looked for, not again by the save.
    /// </summary>
    public static async Task<int> SaveChangesCopyingAsync(this DbContext db, IReadOnlyList<Type> types, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(types);
        if (!db.Database.IsNpgsql())
        {
            return await db.SaveChangesAsync(cancel);
        }

        var batches = Copyable(db, types);
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            if (batches is null)
            {
                return await db.SaveChangesAsync(cancel);
            }

            await using var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancel) : null;
            var written = await CopyAsync(db, batches, cancel);
            written += await db.SaveChangesAsync(cancel);
            if (own is not null)
            {
                await own.CommitAsync(cancel);
            }

            return written;
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    /// <summary>
    /// The added rows of <paramref name="types"/> by table, in order, when they are worth a <c>COPY</c> on PostgreSQL; null
    /// otherwise. Reading the tracker's entries detects the context's changes.
    /// </summary>
    private static List<(CopyPlan Plan, List<EntityEntry> Rows)>? Copyable(DbContext db, IReadOnlyList<Type> types)
    {
        if (!db.Database.IsNpgsql())
        {
            return null;
        }

        var added = new Dictionary<IEntityType, List<EntityEntry>>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Added)
            {
                if (!added.TryGetValue(entry.Metadata, out var list))
                {
                    added[entry.Metadata] = list = [];
                }

                list.Add(entry);
            }
        }

        var batches = new List<(CopyPlan Plan, List<EntityEntry> Rows)>();
        var total = 0;
        foreach (var type in types)
        {
            var entityType = db.Model.FindEntityType(type) ?? throw new ArgumentException($"{type.Name} is not an entity of {db.GetType().Name}.", nameof(types));
            if (added.TryGetValue(entityType, out var rows) && Plans.GetOrAdd(entityType, CopyPlan.For) is { } plan)
            {
                batches.Add((plan, rows));
                total += rows.Count;
            }
        }

        return total < MinimumRows ? null : batches;
    }

    private static async Task<int> CopyAsync(DbContext db, List<(CopyPlan Plan, List<EntityEntry> Rows)> batches, CancellationToken cancel)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        try
        {
            foreach (var (plan, rows) in batches)
            {
                await plan.WriteAsync(connection, rows, cancel);
            }

            // What a save does to them: they are in the table now.
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            foreach (var (_, rows) in batches)
            {
                foreach (var row in rows)
                {
                    row.State = EntityState.Unchanged;
                }
            }
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ForeignKeyViolation)
        {
            throw new DbUpdateException($"COPY into {ex.TableName} failed: {ex.MessageText}", ex, batches.SelectMany(b => b.Rows).ToList());
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }

        return batches.Sum(b => b.Rows.Count);
    }

    /// <summary>The <c>COPY</c> command and the columns of one table, or null when a column is of a type it does not write.</summary>
    private sealed class CopyPlan(string command, IReadOnlyList<CopyColumn> columns)
    {
        public static CopyPlan? For(IEntityType entityType)
        {
            var table = entityType.GetTableName();
            if (table is null || entityType.GetComplexProperties().Any() || entityType.GetNavigations().Any(n => n.TargetEntityType.IsOwned() && n.TargetEntityType.GetTableName() == table))
            {
                return null;
            }

            var store = StoreObjectIdentifier.Table(table, entityType.GetSchema());
            var columns = new List<CopyColumn>();
            foreach (var property in entityType.GetProperties())
            {
                if (property.GetComputedColumnSql(store) is not null || property.GetColumnName(store) is not { } name)
                {
                    continue;
                }

                var mapping = property.GetRelationalTypeMapping();
                if (DbType(mapping.StoreTypeNameBase) is not { } dbType)
                {
                    return null;
                }

                columns.Add(new CopyColumn(property, name, dbType, mapping.Converter));
            }

            var target = entityType.GetSchema() is { } schema ? $"{Quote(schema)}.{Quote(table)}" : Quote(table);
            return new CopyPlan($"COPY {target} ({string.Join(", ", columns.Select(c => Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)", columns);
        }

        public async Task WriteAsync(NpgsqlConnection connection, List<EntityEntry> rows, CancellationToken cancel)
        {
            await using var importer = await connection.BeginBinaryImportAsync(command, cancel);
            foreach (var row in rows)
            {
                await importer.StartRowAsync(cancel);
                // One PropertyValues per row: each read of EntityEntry.CurrentValues makes a new one (with lists of its own).
                var values = row.CurrentValues;
                foreach (var column in columns)
                {
                    var value = values[column.Property];
                    if (value is not null && column.Converter is { } converter)
                    {
                        value = converter.ConvertToProvider(value);
                    }

                    switch (value)
                    {
                        case null:
                            await importer.WriteNullAsync(cancel);
                            break;
                        case DateTimeOffset at:
                            // timestamptz holds an instant; Npgsql writes it only from offset zero.
                            await importer.WriteAsync(at.ToUniversalTime(), column.DbType, cancel);
                            break;
                        default:
                            await importer.WriteAsync(value, column.DbType, cancel);
                            break;
                    }
                }
            }

            await importer.CompleteAsync(cancel);
        }

        private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

        private static NpgsqlDbType? DbType(string storeType) => storeType switch
        {
            "uuid" => NpgsqlDbType.Uuid,
            "text" => NpgsqlDbType.Text,
            "character varying" or "varchar" => NpgsqlDbType.Varchar,
            "integer" or "int" or "int4" => NpgsqlDbType.Integer,
            "bigint" or "int8" => NpgsqlDbType.Bigint,
            "smallint" or "int2" => NpgsqlDbType.Smallint,
            "boolean" or "bool" => NpgsqlDbType.Boolean,
            "bytea" => NpgsqlDbType.Bytea,
            "timestamp with time zone" or "timestamptz" => NpgsqlDbType.TimestampTz,
            "double precision" => NpgsqlDbType.Double,
            "jsonb" => NpgsqlDbType.Jsonb,
            _ => null,
        };
    }

    private sealed record CopyColumn(IProperty Property, string Name, NpgsqlDbType DbType, Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? Converter);
}
