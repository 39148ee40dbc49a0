using IncidentResponse.Access.Authorization;
using IncidentResponse.Access.People;
using IncidentResponse.Testing;
using Microsoft.AspNetCore.Identity;
using IncidentResponse.Host;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IncidentResponse.Browser.Tests;

/// <summary>
/// The embedded Host (all roles, SQLite, in-memory bus) with a bootstrap administrator from
/// configuration, started once per test class; people are added through Identity like the
/// administration page does.
/// </summary>
public sealed class ConsoleHost : IAsyncLifetime
{
    public const string AdminEmail = "admin@example.invalid";
    public const string AdminPassword = "Browser-Test-Admin-Pw-2026!";
    public const string AdminKey = "browser-administrator-key-0123456789abcdef";

    private readonly TempDirectory _data = new();
    private readonly RecordedLog _log = new(LogLevel.Information);

    public TestHost Host { get; private set; } = null!;

    public ApiClient Api => new(Host.Http, AdminKey);

    public async ValueTask InitializeAsync()
    {
        Host = await TestHost.StartAsync(new EmbeddedDeployment(_data.Path), settings: new Dictionary<string, string>
        {
            ["Bootstrap:ApiKey"] = AdminKey,
            ["Bootstrap:AdminEmail"] = AdminEmail,
            ["Bootstrap:AdminPassword"] = AdminPassword,
            ["Security:LinkSigningKey"] = "browser-link-signing-key-0123456789abcdef01",
        }, customization: new HostCustomization
        {
            // Requests with their status, sign-ins and anything worse, kept for the artefacts whatever the console shows.
            ConfigureBuilder = builder => builder.Logging.AddProvider(_log).AddFilter<RecordedLog>(null, LogLevel.Information)
                .AddFilter<RecordedLog>("Microsoft.EntityFrameworkCore", LogLevel.Warning),
        });
    }

    /// <summary>Adds a person who logs in with e-mail and password; a responder acts for <paramref name="unit"/>.</summary>
    public async Task AddPersonAsync(string email, string password, string role, string? unit = null)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ConsoleUser>>();
        var user = new ConsoleUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = email.Split('@')[0],
            Unit = role == AccessRoles.Responder ? unit : null,
            CreatedAt = TimeProvider.System.GetUtcNow(),
        };
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRoleAsync(user, role));
    }

    public async ValueTask DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        _log.SaveTo(Path.Combine(Screenshots.LogDirectory, $"host-{TimeProvider.System.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.log"));
        _log.Dispose();

        _data.Dispose();
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
