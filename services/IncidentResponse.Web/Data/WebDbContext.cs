using IncidentResponse.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Web.Data;

/// <summary>
/// The web service's own tables: schema <c>web</c> on PostgreSQL, <c>web.db</c> on SQLite. It has only the tables every
/// <see cref="ServiceDbContext"/> has (outbox, inbox, probe receipts, deferred messages): no entity configurations of its own to apply.
/// </summary>
public abstract class WebDbContext(DbContextOptions options) : ServiceDbContext(options, SchemaName)
{
    public const string SchemaName = "web";
}
