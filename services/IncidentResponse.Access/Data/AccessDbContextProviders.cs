using IncidentResponse.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Access.Data;

// One subclass per provider, only so that each provider's migrations live beside the other's.

public sealed class SqliteAccessDbContext(DbContextOptions<SqliteAccessDbContext> options) : AccessDbContext(options);

public sealed class PostgresAccessDbContext(DbContextOptions<PostgresAccessDbContext> options) : AccessDbContext(options);

public sealed class SqliteAccessDesignTimeFactory() : DesignTimeFactory<SqliteAccessDbContext>(DatabaseProvider.Sqlite, AccessDbContext.SchemaName);

public sealed class PostgresAccessDesignTimeFactory() : DesignTimeFactory<PostgresAccessDbContext>(DatabaseProvider.Postgres, AccessDbContext.SchemaName);
