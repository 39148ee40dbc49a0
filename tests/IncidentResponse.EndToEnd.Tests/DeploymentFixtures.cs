using IncidentResponse.Testing;

namespace IncidentResponse.EndToEnd.Tests;

/// <summary>One running Host (all roles) per test class, on one deployment, with a known administrator key.</summary>
public abstract class HostFixture : IAsyncLifetime
{
    public const string AdminKey = "e2e-administrator-key-0123456789abcdef";

    public TestHost Host { get; private set; } = null!;

    public TestDeployment Deployment { get; private set; } = null!;

    public ApiClient Api => new(Host.Http, AdminKey);

    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Bootstrap:ApiKey"] = AdminKey,
        ["Access:ApiKeyCacheDuration"] = "00:00:00",
        ["Security:LinkSigningKey"] = "e2e-link-signing-key-0123456789abcdef0123",
        ["Intake:Machine:EventsPerMinute"] = "20",
        ["Intake:Maintenance:CheckInterval"] = "00:00:01",
        ["Committee:Hotline"] = Hotline,
    };

    /// <summary>The committee's published hotline in these deployments: e-mail notices and receipts carry it.</summary>
    public const string Hotline = "0222 3 822 888";

    public async ValueTask InitializeAsync()
    {
        Deployment = await CreateDeploymentAsync();
        var settings = new Dictionary<string, string>(Settings);
        foreach (var (key, value) in await MoreSettingsAsync())
        {
            settings[key] = value;
        }

        Host = await TestHost.StartAsync(Deployment, settings: settings);
    }

    /// <summary>Settings a fixture adds, e.g. where the partner servers it starts listen.</summary>
    protected virtual Task<IReadOnlyDictionary<string, string>> MoreSettingsAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());

    public virtual async ValueTask DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>A fresh deployment of the same kind (own data directory, or own virtual host and database).</summary>
    public abstract Task<TestDeployment> CreateDeploymentAsync();
}

public class EmbeddedHostFixture : HostFixture
{
    private readonly List<TempDirectory> _directories = [];

    public override Task<TestDeployment> CreateDeploymentAsync()
    {
        var directory = new TempDirectory();
        _directories.Add(directory);
        return Task.FromResult<TestDeployment>(new EmbeddedDeployment(directory.Path));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _directories.ForEach(d => d.Dispose());
        GC.SuppressFinalize(this);
    }
}

public class DistributedHostFixture(InfrastructureFixture infrastructure) : HostFixture
{
    public override async Task<TestDeployment> CreateDeploymentAsync()
    {
        var name = TestNames.Unique("e2e");
        return new DistributedDeployment(await infrastructure.CreateVirtualHostAsync(name), await infrastructure.CreateDatabaseAsync(name));
    }
}
