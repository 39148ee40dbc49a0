using IncidentResponse.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Triage.Data;

// One subclass per provider, only so that each provider's migrations live beside the other's.

public sealed class SqliteTriageDbContext(DbContextOptions<SqliteTriageDbContext> options) : TriageDbContext(options);

public sealed class PostgresTriageDbContext(DbContextOptions<PostgresTriageDbContext> options) : TriageDbContext(options);

public sealed class SqliteTriageDesignTimeFactory() : DesignTimeFactory<SqliteTriageDbContext>(DatabaseProvider.Sqlite, TriageDbContext.SchemaName);

public sealed class PostgresTriageDesignTimeFactory() : DesignTimeFactory<PostgresTriageDbContext>(DatabaseProvider.Postgres, TriageDbContext.SchemaName);
