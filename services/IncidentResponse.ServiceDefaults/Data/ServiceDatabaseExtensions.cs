using IncidentResponse.ServiceDefaults.Diagnostics;
using IncidentResponse.ServiceDefaults.Outbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace IncidentResponse.ServiceDefaults.Data;

public static class ServiceDatabaseExtensions
{
    /// <summary>
    /// Registers a service's context on the configured provider (<typeparamref name="TSqlite"/> or
    /// <typeparamref name="TPostgres"/>, which only carry each provider's migrations), its outbox
    /// relay, and its place in start-up migration and readiness. Contexts are pooled: the options are
    /// built once and a context's internal services are reused, which the escalation storm benchmark
    /// showed costing more CPU per short transaction than the transaction's own statements.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext, TSqlite, TPostgres>(
        this IHostApplicationBuilder builder, string schema)
        where TContext : ServiceDbContext
        where TSqlite : TContext
        where TPostgres : TContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        builder.Services.AddDatabaseInfrastructure();

        if (options.Provider == DatabaseProvider.Sqlite)
        {
            var connection = options.SqliteConnectionString(schema);
            builder.Services.AddDbContextPool<TContext, TSqlite>((sp, o) => o
                .UseServiceProvider(DatabaseProvider.Sqlite, connection, schema)
                .AddInterceptors(sp.GetRequiredService<OutboxCommitInterceptor>()));
        }
        else
        {
            var connection = options.PostgresConnectionString(schema);
            if (string.IsNullOrWhiteSpace(connection))
            {
                throw new InvalidOperationException(
                    $"Database:Provider is Postgres but neither Database:ConnectionStrings:{schema} nor Database:ConnectionString is set (env Database__ConnectionString).");
            }

            builder.Services.AddDbContextPool<TContext, TPostgres>((sp, o) => o
                .UseServiceProvider(DatabaseProvider.Postgres, connection, schema)
                .AddInterceptors(sp.GetRequiredService<OutboxCommitInterceptor>()));
        }

        // Its outbox relay is added with the bus (MessagingExtensions), after it, so that it stops first.
        builder.Services.AddSingleton(new ServiceDatabase(typeof(TContext), schema));
        return builder;
    }

    private static void AddDatabaseInfrastructure(this IServiceCollection services)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
        services.TryAddSingleton<DatabaseStatus>();
        services.TryAddSingleton<OutboxSignal>();
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => HostIdentity.From(sp.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton<OutboxCommitInterceptor>();
        if (!services.Any(d => d.ServiceType == typeof(DatabaseMigrator)))
        {
            services.AddSingleton<DatabaseMigrator>();
            services.AddHostedService(sp => sp.GetRequiredService<DatabaseMigrator>());
        }
    }
}
