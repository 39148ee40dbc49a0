using IncidentResponse.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Web.Data;

// One subclass per provider, only so that each provider's migrations live beside the other's.

public sealed class SqliteWebDbContext(DbContextOptions<SqliteWebDbContext> options) : WebDbContext(options);

public sealed class PostgresWebDbContext(DbContextOptions<PostgresWebDbContext> options) : WebDbContext(options);

public sealed class SqliteWebDesignTimeFactory() : DesignTimeFactory<SqliteWebDbContext>(DatabaseProvider.Sqlite, WebDbContext.SchemaName);

public sealed class PostgresWebDesignTimeFactory() : DesignTimeFactory<PostgresWebDbContext>(DatabaseProvider.Postgres, WebDbContext.SchemaName);
