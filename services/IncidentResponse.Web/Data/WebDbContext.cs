using IncidentResponse.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Web.Data;

/// <summary>The web service's own tables: schema <c>web</c> on PostgreSQL, <c>web.db</c> on SQLite.</summary>
public abstract class WebDbContext(DbContextOptions options) : ServiceDbContext(options, SchemaName)
{
    public const string SchemaName = "web";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(WebDbContext).Assembly);
    }
}
