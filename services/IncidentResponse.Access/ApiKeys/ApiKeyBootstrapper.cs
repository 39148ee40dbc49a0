using System.Text;
using IncidentResponse.Access.Authorization;
using IncidentResponse.Access.Data;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Access.ApiKeys;

/// <summary>
/// On an empty database, makes the first coordinator key: the configured one, or a generated one written to
/// <c>&lt;Database:DataDirectory&gt;/bootstrap-api-key.txt</c>, readable by the Host's user only. The key itself is never
/// printed nor logged (standard output ends up in container and journal logs); standard output says where it is.
/// It expires after <see cref="BootstrapOptions.ApiKeyLifetime"/>: a coordinator key anyone who read the configuration or the
/// file once could use for ever was the weakest credential of a deployment.
/// </summary>
public sealed partial class ApiKeyBootstrapper(
    IOptions<BootstrapOptions> options, IOptions<DatabaseOptions> database, TimeProvider time, ILogger<ApiKeyBootstrapper> logger) : IDatabaseSeeder
{
    public const string FileName = "bootstrap-api-key.txt";

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
        if (configured is { Length: > 0 } && ApiKeySecret.Weakness(configured) is { } weakness)
        {
            throw new InvalidOperationException($"Bootstrap:ApiKey must have {weakness}");
        }

        var key = configured is { Length: > 0 } ? configured : ApiKeySecret.Generate();
        var now = time.GetUtcNow();
        DateTimeOffset? expires = options.Value.ApiKeyLifetime > TimeSpan.Zero ? now + options.Value.ApiKeyLifetime : null;
        // Written before the key exists, so that a data directory that cannot be written stops here, not after.
        using var file = configured is { Length: > 0 }
            ? null
            : PrivateFiles.Stage(Path.Combine(database.Value.DataDirectory, FileName), Encoding.UTF8.GetBytes(key + "\n"));
        db.ApiKeys.Add(new ApiKey
        {
            Id = BootstrapKeyId,
            Name = "bootstrap administrator",
            Role = AccessRoles.Coordinator,
            KeyHash = ApiKeySecret.Hash(key),
            Prefix = ApiKeySecret.PrefixOf(key),
            CreatedAt = now,
            CreatedBy = "bootstrap",
            ExpiresAt = expires,
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

        if (file is null)
        {
            LogConfigured(logger, expires);
        }
        else
        {
            file.Commit();
            await Console.Out.WriteLineAsync(
                $"{Environment.NewLine}=== Khóa quản trị đầu tiên / First administrator API key, in {file.Path}"
                + $"{Environment.NewLine}    (chỉ tài khoản chạy Host đọc được; cất vào nơi an toàn rồi xóa tệp / readable by the Host's user only; store it, then delete the file)"
                + (expires is { } at ? $"{Environment.NewLine}    hết hạn / expires {at:u}: cấp khóa và tài khoản riêng trước đó / issue your own keys and accounts before then" : "")
                + Environment.NewLine);
            LogGenerated(logger, ApiKeySecret.PrefixOf(key), file.Path);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Empty database: the configured Bootstrap:ApiKey is now a coordinator key; it expires at {Expires} (none: never)")]
    private static partial void LogConfigured(ILogger logger, DateTimeOffset? expires);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Empty database: generated a coordinator API key starting {Prefix}, written to {File} (this user only)")]
    private static partial void LogGenerated(ILogger logger, string prefix, string file);
}
