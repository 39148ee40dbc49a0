using IncidentResponse.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Escalation.Data;

// One subclass per provider, only so that each provider's migrations live beside the other's.

public sealed class SqliteEscalationDbContext(DbContextOptions<SqliteEscalationDbContext> options) : EscalationDbContext(options);

public sealed class PostgresEscalationDbContext(DbContextOptions<PostgresEscalationDbContext> options) : EscalationDbContext(options);

public sealed class SqliteEscalationDesignTimeFactory() : DesignTimeFactory<SqliteEscalationDbContext>(DatabaseProvider.Sqlite, EscalationDbContext.SchemaName);

public sealed class PostgresEscalationDesignTimeFactory() : DesignTimeFactory<PostgresEscalationDbContext>(DatabaseProvider.Postgres, EscalationDbContext.SchemaName);
