using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IncidentResponse.ServiceDefaults.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build a provider's context without a running Host.</summary>
public abstract class DesignTimeFactory<TContext>(DatabaseProvider provider, string schema) : IDesignTimeDbContextFactory<TContext>
    where TContext : DbContext
{
    public TContext CreateDbContext(string[] args)
    {
        var connection = provider == DatabaseProvider.Sqlite
            ? "Data Source=design-time.db"
            : "Host=localhost;Database=design_time;Username=design;Password=design";
        var options = new DbContextOptionsBuilder<TContext>().UseServiceProvider(provider, connection, schema).Options;
        return (TContext)Activator.CreateInstance(typeof(TContext), options)!;
    }
}
