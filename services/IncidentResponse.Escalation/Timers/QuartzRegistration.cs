using IncidentResponse.Escalation.Schedules;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Quartz;

namespace IncidentResponse.Escalation.Timers;

/// <summary>
/// Quartz with a persistent store: a SQLite file beside the embedded databases, or escalation's
/// PostgreSQL schema with clustering, so the Hosts sharing the database fire each trigger once and
/// take over the triggers of a Host that died. Quartz creates its own tables when they are missing.
/// </summary>
public static class QuartzRegistration
{
    public const string TablePrefix = "qrtz_";

    private const int WakeUpThreads = 4;

    public static void AddEscalationTimers(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var escalation = builder.Configuration.GetSection(EscalationOptions.Section).Get<EscalationOptions>() ?? new EscalationOptions();
        builder.Services.AddSingleton<EscalationTimers>();
        builder.Services.AddSingleton<EscalationSweep>();
        builder.Services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = "incident-response-escalation";
                if (escalation.TimerBatchSize > 0)
                {
                    scheduler.MaxBatchSize = escalation.TimerBatchSize;
                }
            });
            // Quartz threads only start sweeps (which take turns) and the rare timer stored before wake-ups were shared.
            quartz.UseDefaultThreadPool(Math.Max(WakeUpThreads, escalation.TimerBatchSize));
            // A sweep cut short by a Host's death is run again at once, by another Host or by this one on its restart.
            quartz.AddJob<EscalationTimerJob>(job => job.WithIdentity(EscalationTimers.Job).StoreDurably().RequestRecovery());
            quartz.UsePersistentStore(store =>
            {
                store.ProvisionSchema();
                store.UseSystemTextJsonSerializer();
                if (database.Provider == DatabaseProvider.Postgres)
                {
                    store.ConfigureStore(options =>
                    {
                        options.StoreJobDataAsStrings = true;
                        options.TablePrefix = $"{Data.EscalationDbContext.SchemaName}.{TablePrefix}";
                        // Quartz's advice for batch acquisition on a clustered store: take the batch under the lock.
                        options.AcquireTriggersWithinLock = escalation.TimerBatchSize > 1;
                    });
                    // Quartz's tables live in the escalation schema and belong to the escalation role.
                    store.UsePostgres(QuartzConnectionString(database.PostgresConnectionString(Data.EscalationDbContext.SchemaName)
                        ?? throw new InvalidOperationException("Database:ConnectionString is required for PostgreSQL")));
                    // The default check-in (7.5 s) is kept: it bounds how long a dead Host's wake-ups wait for another, at ~0.1 transaction/s.
                    store.UseClustering(_ => { });
                }
                else
                {
                    store.ConfigureStore(options =>
                    {
                        options.StoreJobDataAsStrings = true;
                        options.TablePrefix = TablePrefix;
                    });
                    var file = Path.Combine(Path.GetFullPath(database.DataDirectory), "escalation-timers.db");
                    // An empty file is an empty database: made here, Quartz's file is this user's only from the start.
                    PrivateFiles.TryCreate(file, []);
                    PrivateFiles.Restrict(file);
                    store.UseSqlite($"Data Source={file};Pooling=True;Default Timeout=30");
                }
            });
        });
        builder.Services.AddHostedService<TimerHost>();
    }

    /// <summary>
    /// Quartz's own pool: its connections set no session state, so the reset Npgsql sends when one is taken again
    /// (<c>DISCARD ALL</c>, a round trip each time) is skipped.
    /// </summary>
    public static string QuartzConnectionString(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString;
}
