using IncidentResponse.Contracts.Notifications;
using IncidentResponse.Escalation.Chains;
using IncidentResponse.Escalation.Data;
using IncidentResponse.Escalation.Policies;
using IncidentResponse.Escalation.Schedules;
using IncidentResponse.Escalation.Timers;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Quartz;

namespace IncidentResponse.Escalation.Tests.Chains;

/// <summary>
/// A real, migrated escalation database (SQLite file), the shipped schedules, a policy written by the
/// test, and a real Quartz scheduler (in memory, not started: the test runs the sweep a wake-up would).
/// </summary>
public sealed class EscalationWorld : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(7));

    private readonly TempDirectory _directory = new();
    private ServiceProvider _services = null!;

    public FakeTimeProvider Clock { get; } = new(Start);

    public TimeProvider Time { get; private set; } = null!;

    public PolicyBook Policies { get; private set; } = null!;

    public ScheduleBook Schedules { get; private set; } = null!;

    public EscalationTimers Timers { get; private set; } = null!;

    public IScheduler Scheduler { get; private set; } = null!;

    /// <summary>The PostgreSQL database of this world; null for the SQLite file.</summary>
    private string? _postgres;

    private string ConnectionString => _postgres ?? $"Data Source={Path.Combine(_directory.Path, "escalation.db")};Pooling=False;Default Timeout=30";

    /// <summary>
    /// A world whose only policy has <paramref name="policyYaml"/>; <paramref name="realTime"/> uses the system clock (for races);
    /// <paramref name="postgres"/>, a fresh PostgreSQL database, is used instead of a SQLite file.
    /// </summary>
    public static async Task<EscalationWorld> CreateAsync(string policyYaml, bool realTime = false, string? postgres = null)
    {
        var world = new EscalationWorld { _postgres = postgres };
        var rules = Directory.CreateDirectory(Path.Combine(world._directory.Path, "rules")).FullName;
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Rules", "schedules-2026.1.yaml"), Path.Combine(rules, "schedules-2026.1.yaml"));
        File.WriteAllText(Path.Combine(rules, "escalation-policies-t.yaml"), policyYaml);
        world.Policies = new PolicyBook(rules);
        world.Schedules = new ScheduleBook(rules);
        world.Time = realTime ? TimeProvider.System : world.Clock;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddQuartz(quartz =>
        {
            quartz.UseInMemoryStore();
            quartz.AddJob<EscalationTimerJob>(job => job.WithIdentity(EscalationTimers.Job).StoreDurably());
        });
        world._services = services.BuildServiceProvider();
        var factory = world._services.GetRequiredService<ISchedulerFactory>();
        world.Scheduler = await factory.GetScheduler(TestContext.Current.CancellationToken);
        world.Timers = new EscalationTimers(factory, Options.Create(new EscalationOptions()), world.Time);
        await using var db = world.NewContext();
        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
        return world;
    }

    /// <summary>Added to every context made after it is set (a test's hook into a save).</summary>
    public Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor? Interceptor { get; set; }

    public EscalationDbContext NewContext()
    {
        if (_postgres is not null)
        {
            var postgres = new DbContextOptionsBuilder<PostgresEscalationDbContext>();
            postgres.UseServiceProvider(DatabaseProvider.Postgres, ConnectionString, EscalationDbContext.SchemaName);
            if (Interceptor is { } watching)
            {
                postgres.AddInterceptors(watching);
            }

            return new PostgresEscalationDbContext(postgres.Options);
        }

        var options = new DbContextOptionsBuilder<SqliteEscalationDbContext>();
        options.UseServiceProvider(DatabaseProvider.Sqlite, ConnectionString, EscalationDbContext.SchemaName);
        if (Interceptor is { } interceptor)
        {
            options.AddInterceptors(interceptor);
        }

        return new SqliteEscalationDbContext(options.Options);
    }

    public EscalationStepper Stepper(EscalationDbContext db) =>
        new(db, Policies, new TargetResolver(Schedules), Timers, Time, NullLogger<EscalationStepper>.Instance);

    /// <summary>Starts a chain the way the UnitEngaged consumer does, and sets its first timer.</summary>
    public async Task<Guid> EngageAsync(string unit = "vnpt-bn", int severity = 3, bool serious = false, (string Vi, string En)? names = null)
    {
        var now = Time.GetUtcNow();
        var engaged = new UnitEngaged(NewId.NextGuid(), NewId.NextGuid(), "SC-2026-00042", unit, names?.Vi ?? unit, names?.En ?? unit, "rule", "2026.1", severity, serious, 1, now);
        var version = Policies.VersionAt(now);
        var chain = ChainTransitions.Start(engaged, version, version.Choose(unit, severity, serious), now);
        await using var db = NewContext();
        db.Chains.Add(chain);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        await Timers.ScheduleAsync(chain, TestContext.Current.CancellationToken);
        return chain.Id;
    }

    /// <summary><paramref name="count"/> chains of unit <paramref name="unit"/>, started now, their first steps due together.</summary>
    public async Task<IReadOnlyList<Guid>> EngageManyAsync(int count, string unit = "vnpt-bn")
    {
        var ids = new List<Guid>(count);
        for (var i = 0; i < count; i++)
        {
            ids.Add(await EngageAsync(unit));
        }

        return ids;
    }

    public async Task<EscalationChain> ChainAsync(Guid id)
    {
        await using var db = NewContext();
        return await db.Chains.AsNoTracking().SingleAsync(c => c.Id == id, TestContext.Current.CancellationToken);
    }

    public async Task<IReadOnlyList<FiredStep>> FiredAsync(Guid id)
    {
        await using var db = NewContext();
        return await db.FiredSteps.AsNoTracking().Where(s => s.ChainId == id).OrderBy(s => s.FiredAt).ThenBy(s => s.Round).ThenBy(s => s.Step)
            .ToListAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The message types published (outbox rows, in order) and their bodies.</summary>
    public async Task<IReadOnlyList<(string Type, string Body)>> PublishedAsync()
    {
        await using var db = NewContext();
        var rows = await db.OutboxMessages.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        return rows.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).Select(r => (r.MessageType, r.Body)).ToList();
    }

    /// <summary>
    /// Does what Quartz does when the chain's pending timer falls due: checks that a wake-up waits at its
    /// due time (rounded up to the resolution), moves the clock there and runs the sweep it would start.
    /// </summary>
    public async Task FireDueAsync(Guid id)
    {
        var chain = await ChainAsync(id);
        Assert.NotNull(chain.NextDueAt);
        var key = Timers.PendingKey(chain)!;
        var trigger = await Scheduler.GetTrigger(key, TestContext.Current.CancellationToken);
        Assert.NotNull(trigger); // the database and Quartz agree on what is pending
        Assert.Equal(TriggerState.Normal, await Scheduler.GetTriggerState(key, TestContext.Current.CancellationToken));
        Assert.InRange(trigger.StartTimeUtc - chain.NextDueAt.Value, TimeSpan.Zero, new EscalationOptions().TimerResolution);
        if (Clock.GetUtcNow() < trigger.StartTimeUtc)
        {
            Clock.SetUtcNow(trigger.StartTimeUtc);
        }

        await SweepAsync();
    }

    /// <summary>Runs one sweep now, as a wake-up trigger would; returns how many chains and clocks it took up.</summary>
    public Task<int> SweepAsync() =>
        Services.GetRequiredService<EscalationSweep>().SweepAsync(TestContext.Current.CancellationToken);

    /// <summary>
    /// The Host's reconciler over this world's database and scheduler, with default options or <paramref name="options"/>, and
    /// the scheduler through <paramref name="schedulers"/> when given (<see cref="SchedulerListings"/>).
    /// </summary>
    public TimerHost Reconciler(EscalationOptions? options = null, ISchedulerFactory? schedulers = null) =>
        new(schedulers ?? _services.GetRequiredService<ISchedulerFactory>(), Services.GetRequiredService<IServiceScopeFactory>(), new DatabaseStatus(),
            Options.Create(options ?? new EscalationOptions()), Time, NullLogger<TimerHost>.Instance);

    /// <summary>What the Host's sweep and reconciler resolve, over this world's database, rules, clock and scheduler.</summary>
    private ServiceProvider Services => _sweepServices ??= BuildSweepServices();

    private ServiceProvider? _sweepServices;

    private ServiceProvider BuildSweepServices()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(Options.Create(new EscalationOptions()));
        services.AddSingleton(Time);
        services.AddSingleton(Policies);
        services.AddSingleton(new TargetResolver(Schedules));
        services.AddSingleton(Timers);
        services.AddSingleton<EscalationSweep>();
        services.AddScoped<EscalationDbContext>(_ => NewContext());
        services.AddScoped<EscalationStepper>();
        services.AddScoped<IncidentResponse.Escalation.Deadlines.DeadlineAlerter>();
        return services.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        if (_sweepServices is not null)
        {
            await _sweepServices.DisposeAsync();
        }

        await _services.DisposeAsync();
        _directory.Dispose();
    }
}
