using IncidentResponse.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Intake.Data;

// One subclass per provider, only so that each provider's migrations live beside the other's.

public sealed class SqliteIntakeDbContext(DbContextOptions<SqliteIntakeDbContext> options) : IntakeDbContext(options);

public sealed class PostgresIntakeDbContext(DbContextOptions<PostgresIntakeDbContext> options) : IntakeDbContext(options);

public sealed class SqliteIntakeDesignTimeFactory() : DesignTimeFactory<SqliteIntakeDbContext>(DatabaseProvider.Sqlite, IntakeDbContext.SchemaName);

public sealed class PostgresIntakeDesignTimeFactory() : DesignTimeFactory<PostgresIntakeDbContext>(DatabaseProvider.Postgres, IntakeDbContext.SchemaName);
