using IncidentResponse.Access.Authorization;
using IncidentResponse.Access.Data;
using IncidentResponse.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Access.ApiKeys;

/// <summary>
/// On an empty database, makes the first coordinator key: the configured one, or a generated one
/// printed once on standard output. It never goes through the logger, so it does not end up in
/// log storage, and it is never printed again.
/// </summary>
public sealed partial class ApiKeyBootstrapper(IOptions<BootstrapOptions> options, TimeProvider time, ILogger<ApiKeyBootstrapper> logger) : IDatabaseSeeder
{
    /// <summary>Fixed, so that Hosts starting together on one database create one bootstrap key.</summary>
    public static readonly Guid BootstrapKeyId = new("0b0075a0-0000-4000-8000-000000000001");

    public async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var db = services.GetRequiredService<AccessDbContext>();
        if (await db.ApiKeys.AnyAsync(cancellationToken))
        {
            return;
        }

        var configured = options.Value.ApiKey?.Trim();
        if (configured is { Length: > 0 } && configured.Length < ApiKeySecret.MinimumLength)
        {
            throw new InvalidOperationException($"Bootstrap:ApiKey must be at least {ApiKeySecret.MinimumLength} characters");
        }

        var key = configured is { Length: > 0 } ? configured : ApiKeySecret.Generate();
        db.ApiKeys.Add(new ApiKey
        {
            Id = BootstrapKeyId,
            Name = "bootstrap administrator",
            Role = AccessRoles.Coordinator,
            KeyHash = ApiKeySecret.Hash(key),
            Prefix = ApiKeySecret.PrefixOf(key),
            CreatedAt = time.GetUtcNow(),
            CreatedBy = "bootstrap",
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await db.ApiKeys.AsNoTracking().AnyAsync(k => k.Id == BootstrapKeyId, cancellationToken))
            {
                return; // another Host made it first
            }

            throw;
        }

        if (configured is { Length: > 0 })
        {
            LogConfigured(logger);
        }
        else
        {
            await Console.Out.WriteLineAsync(
                $"{Environment.NewLine}=== Khóa quản trị đầu tiên / First administrator API key (shown once, store it now):{Environment.NewLine}    {key}{Environment.NewLine}");
            LogGenerated(logger, ApiKeySecret.PrefixOf(key));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Empty database: the configured Bootstrap:ApiKey is now a coordinator key")]
    private static partial void LogConfigured(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Empty database: generated a coordinator API key starting {Prefix} and printed it once on standard output")]
    private static partial void LogGenerated(ILogger logger, string prefix);
}
