using System.Globalization;
using IncidentResponse.Testing;

namespace IncidentResponse.Chaos.Tests;

/// <summary>
/// One fault run: a Host child process on a data directory of its own, the careful client, the
/// disruptions done to it and the audit afterwards. The Host logs and the run's journal are written to
/// <c>artifacts/logs/chaos/&lt;scenario&gt;-…/</c>; the Host logs are kept when the run fails. Every
/// run's summary line is appended to <c>artifacts/logs/chaos/figures.log</c>.
/// </summary>
internal sealed class ChaosRun : IAsyncDisposable
{
    public const string ApiKey = "chaos-coordinator-key-0123456789abcdef";

    private readonly HttpClient _http;
    private readonly string _dataDirectory;
    private readonly List<HostProcess> _others = [];
    private IReadOnlyDictionary<string, string> _environment = new Dictionary<string, string>();
    private bool _passed;

    private ChaosRun(string scenario, HostProcess host, Journal journal, string dataDirectory)
    {
        Scenario = scenario;
        Host = host;
        Journal = journal;
        _dataDirectory = dataDirectory;
        Random = new Random(ChaosOptions.Seed);
        Disruptions = new Disruptions(journal);
        Client = new CarefulClient(host.BaseAddress, ApiKey, Guid.NewGuid().ToString("N")[..8], new Random(ChaosOptions.Seed + 1));
        _http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Api = new ApiClient(_http, ApiKey);
        Pickup = new PickupFolder(Path.Combine(dataDirectory, "mail-pickup"));
    }

    public string Scenario { get; }

    public HostProcess Host { get; }

    public Journal Journal { get; }

    /// <summary>The seeded source of the run's random moments (the client has its own).</summary>
    public Random Random { get; }

    public Disruptions Disruptions { get; }

    public CarefulClient Client { get; }

    public ApiClient Api { get; }

    public PickupFolder Pickup { get; }

    public static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The embedded default: SQLite files in the data directory, the in-memory bus.</summary>
    public static IReadOnlyDictionary<string, string> Embedded { get; } = new Dictionary<string, string>
    {
        ["Database__Provider"] = "Sqlite",
        ["Messaging__Transport"] = "InMemory",
    };

    /// <summary>RabbitMQ and PostgreSQL.</summary>
    public static IReadOnlyDictionary<string, string> Distributed(string database, Uri broker) => new Dictionary<string, string>
    {
        ["Database__Provider"] = "Postgres",
        ["Database__ConnectionString"] = database,
        ["Messaging__Transport"] = "RabbitMq",
        ["Messaging__RabbitMqUri"] = broker.ToString(),
        ["Security__DataProtection__CertificatePath"] = TestSecrets.CertificatePath,
        ["Security__DataProtection__CertificatePassword"] = TestSecrets.CertificatePassword,
    };

    /// <summary>Starts the Host (all roles) with <paramref name="settings"/> (environment variable names) and waits until it is ready.</summary>
    public static async Task<ChaosRun> StartAsync(string scenario, IReadOnlyDictionary<string, string> settings)
    {
        var id = Guid.NewGuid().ToString("N")[..6];
        var data = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"ir-chaos-{scenario}-{id}")).FullName;
        var logs = Path.Combine(ArtifactsDirectory, string.Create(CultureInfo.InvariantCulture, $"{scenario}-{TimeProvider.System.GetUtcNow():yyyyMMdd-HHmmss}-{id}"));
        var environment = new Dictionary<string, string>
        {
            ["Roles"] = "all",
            ["Database__DataDirectory"] = data,
            ["Bootstrap__ApiKey"] = ApiKey,
            ["Security__LinkSigningKey"] = "chaos-link-signing-key-0123456789abcdef0123",
            ["Security__TimelineKey"] = "chaos-timeline-key-0123456789abcdef0123456789",
            ["Notifications__Email__Mode"] = "Pickup",
            ["Triage__PeriodicReminders"] = "false", // the calendar's reminders would come and go with the day the run happens
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        var host = new HostProcess(HostBuild.Assembly, logs, environment);
        var journal = new Journal(TestContext.Current.TestOutputHelper!, Path.Combine(host.LogDirectory, "journal.log"));
        var run = new ChaosRun(scenario, host, journal, data) { _environment = environment };
        journal.Say($"{scenario}: seed {ChaosOptions.Seed}, Host {HostBuild.Assembly} on {host.BaseAddress}, data {data}, logs {logs}");
        try
        {
            var started = TimeProvider.System.GetUtcNow();
            await host.StartAsync();
            await host.WaitUntilReadyAsync(TimeSpan.FromMinutes(3), Cancel);
            journal.Say($"Host ready after {(TimeProvider.System.GetUtcNow() - started).TotalSeconds:0.0} s");
            return run;
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts another Host (all roles) with the run's settings and <paramref name="settings"/> on top, on a data
    /// directory of its own, writing its mail into the first Host's pickup folder (the audit counts one folder);
    /// waits until it is ready.
    /// </summary>
    public async Task<HostProcess> StartAnotherHostAsync(IReadOnlyDictionary<string, string> settings)
    {
        var name = $"host-{_others.Count + 2}";
        var environment = new Dictionary<string, string>(_environment)
        {
            ["Database__DataDirectory"] = Directory.CreateDirectory(DataPath(name)).FullName,
            ["Notifications__Email__PickupDirectory"] = DataPath("mail-pickup"),
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        var host = new HostProcess(HostBuild.Assembly, Path.Combine(Host.LogDirectory, name), environment);
        _others.Add(host);
        var started = TimeProvider.System.GetUtcNow();
        await host.StartAsync();
        await host.WaitUntilReadyAsync(TimeSpan.FromMinutes(3), Cancel);
        Journal.Say($"{name} on {host.BaseAddress} ready after {(TimeProvider.System.GetUtcNow() - started).TotalSeconds:0.0} s");
        return host;
    }

    /// <summary>Settles, counts, prints the figures and fails with every figure that is not as it must be.</summary>
    public async Task<PipelineFigures> AuditAsync(int reports, PipelineAudit? audit = null, TimeSpan? firstMailLimit = null)
    {
        Journal.Say($"load done: {Client.Filings.Count(f => f.ReportId is not null)} of {reports} accepted; answers {Client.Answers}; settling");
        audit ??= new PipelineAudit(Api, Pickup, Journal);
        var figures = await audit.RunAsync(Scenario, reports, Client.Filings, Disruptions.All, ChaosOptions.Settle, Cancel);
        var text = figures.Describe(firstMailLimit);
        Journal.Say(text);
        TestContext.Current.SendDiagnosticMessage(figures.Summary); // shown by `dotnet test` whether the test passes or fails
        await FiguresLog.WaitAsync(Cancel); // scenarios that run side by side append to the same file
        try
        {
            await File.AppendAllTextAsync(Path.Combine(ArtifactsDirectory, "figures.log"),
                $"{TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm:ss} {figures.Summary}{Environment.NewLine}", Cancel);
        }
        finally
        {
            FiguresLog.Release();
        }
        var failures = figures.Failures(firstMailLimit);
        if (failures.Count > 0)
        {
            Assert.Fail($"The pipeline lost or doubled work ({Scenario}); logs in {Host.LogDirectory}\n{text}");
        }

        _passed = true;
        return figures;
    }

    /// <summary>Builds the rules directory of a run: the shipped files and an escalation policy of the test's own.</summary>
    public static string RulesWithPolicy(string directory, string policyYaml)
    {
        Directory.CreateDirectory(directory);
        foreach (var file in Directory.EnumerateFiles(HostBuild.RulesDirectory, "schedules-*.yaml"))
        {
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)), overwrite: true);
        }

        File.WriteAllText(Path.Combine(directory, "escalation-policies-chaos.yaml"), policyYaml);
        return directory;
    }

    public string DataPath(string name) => Path.Combine(_dataDirectory, name);

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        foreach (var other in _others)
        {
            await other.DisposeAsync();
        }

        _http.Dispose();
        TryDelete(_dataDirectory);
        if (_passed)
        {
            // The journal (what was done when, and the figures) is kept; the Host logs only for a failed run.
            foreach (var log in _others.Prepend(Host).SelectMany(h => h.LogFiles))
            {
                File.Delete(log);
            }
        }
    }

    /// <summary><c>artifacts/logs/chaos</c> at the repository's root, or under <c>IR_TEST_ARTIFACTS</c>.</summary>
    private static string ArtifactsDirectory { get; } = ResolveArtifacts();

    private static readonly SemaphoreSlim FiguresLog = new(1, 1);

    private static string ResolveArtifacts()
    {
        var root = Environment.GetEnvironmentVariable("IR_TEST_ARTIFACTS");
        if (string.IsNullOrEmpty(root))
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "IncidentResponse.sln")))
            {
                dir = dir.Parent;
            }

            root = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "artifacts");
        }

        return Directory.CreateDirectory(Path.Combine(root, "logs", "chaos")).FullName;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // a file still held; the temp folder is cleaned by the OS
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
