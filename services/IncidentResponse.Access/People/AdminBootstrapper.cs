using System.Text;
using IncidentResponse.Access.ApiKeys;
using IncidentResponse.Access.Authorization;
using IncidentResponse.Access.Data;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Access.People;

/// <summary>
/// Makes the console's roles, and on an empty user table the first administrator (a coordinator):
/// <c>Bootstrap:AdminEmail</c> / <c>Bootstrap:AdminPassword</c>, or user name <c>admin</c> and a generated password
/// written to <c>&lt;Database:DataDirectory&gt;/bootstrap-admin.txt</c>, readable by the Host's user only (never printed
/// nor logged: standard output ends up in container and journal logs), to be replaced at the first sign-in. There is no
/// default password.
/// </summary>
public sealed partial class AdminBootstrapper(
    IOptions<BootstrapOptions> options, IOptions<DatabaseOptions> database, TimeProvider time, ILogger<AdminBootstrapper> logger) : IDatabaseSeeder
{
    public const string FileName = "bootstrap-admin.txt";

    /// <summary>Fixed, so that Hosts starting together on one database create one administrator.</summary>
    public static readonly Guid BootstrapUserId = new("0b0075a0-0000-4000-8000-000000000002");

    public const string DefaultUserName = "admin";

    /// <summary>The role rows' ids: fixed per role, so that Hosts starting together insert each once.</summary>
    public static Guid RoleId(string role) => role switch
    {
        AccessRoles.Coordinator => new("0b0075a0-0000-4000-8000-0000000000c1"),
        AccessRoles.Operator => new("0b0075a0-0000-4000-8000-0000000000c2"),
        AccessRoles.Responder => new("0b0075a0-0000-4000-8000-0000000000c3"),
        AccessRoles.Viewer => new("0b0075a0-0000-4000-8000-0000000000c4"),
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "not a console role"),
    };

    /// <summary>The roles a person's account can hold (integration is for machines only).</summary>
    public static IReadOnlyList<string> ConsoleRoles { get; } = [AccessRoles.Coordinator, AccessRoles.Operator, AccessRoles.Responder, AccessRoles.Viewer];

    public async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var db = services.GetRequiredService<AccessDbContext>();
        await EnsureRolesAsync(db, cancellationToken);
        if (await db.Users.AnyAsync(cancellationToken))
        {
            return;
        }

        var users = services.GetRequiredService<UserManager<ConsoleUser>>();
        var email = options.Value.AdminEmail?.Trim() is { Length: > 0 } e ? e : null;
        var configured = options.Value.AdminPassword is { Length: > 0 } p ? p : null;
        var password = configured ?? PasswordRules.Generate();
        var user = new ConsoleUser
        {
            Id = BootstrapUserId,
            UserName = email ?? DefaultUserName,
            Email = email,
            EmailConfirmed = email is not null,
            DisplayName = "Quản trị viên / Administrator",
            CreatedAt = time.GetUtcNow(),

            // A generated password was read from a file: its first sign-in replaces it. A configured one is the operator's choice.
            PasswordChangeRequiredAt = configured is null ? time.GetUtcNow() : null,
        };
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, user, password);
            if (!check.Succeeded)
            {
                throw new InvalidOperationException("Bootstrap:AdminPassword is refused by the password rules: "
                    + string.Join("; ", check.Errors.Select(x => x.Description)));
            }
        }

        // Written before the account exists, so that a data directory that cannot be written stops here, not after.
        using var file = configured is not null
            ? null
            : PrivateFiles.Stage(Path.Combine(database.Value.DataDirectory, FileName),
                Encoding.UTF8.GetBytes($"đăng nhập / login: {user.UserName}\nmật khẩu / password: {password}\n"));
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            Require(await users.CreateAsync(user, password));
            Require(await users.AddToRoleAsync(user, AccessRoles.Coordinator));
            db.AuditLog.Add(new AuditEntry
            {
                At = time.GetUtcNow(),
                ActorId = "bootstrap",
                ActorName = "bootstrap",
                Action = "user.bootstrapped",
                Subject = "user:" + user.Id.ToString("N"),
                After = AccountSnapshot.Of(user, AccessRoles.Coordinator),
            });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException)
        {
            db.ChangeTracker.Clear();
            if (await db.Users.AsNoTracking().AnyAsync(u => u.Id == BootstrapUserId, cancellationToken))
            {
                return; // another Host made it first
            }

            throw;
        }

        if (file is null)
        {
            LogConfigured(logger);
        }
        else
        {
            file.Commit();
            await Console.Out.WriteLineAsync(
                $"{Environment.NewLine}=== Tài khoản quản trị đầu tiên / First console administrator, in {file.Path}"
                + $"{Environment.NewLine}    (chỉ tài khoản chạy Host đọc được; đổi mật khẩu sau khi đăng nhập rồi xóa tệp / readable by the Host's user only; change the password after signing in, then delete the file){Environment.NewLine}");
            LogGenerated(logger, user.UserName!, file.Path);
        }
    }

    private static void Require(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    private static async Task EnsureRolesAsync(AccessDbContext db, CancellationToken cancellationToken)
    {
        var existing = await db.Roles.AsNoTracking().Select(r => r.Name).ToListAsync(cancellationToken);
        var missing = ConsoleRoles.Where(r => !existing.Contains(r)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        foreach (var role in missing)
        {
            db.Roles.Add(new ConsoleRole { Id = RoleId(role), Name = role, NormalizedName = role.ToUpperInvariant(), ConcurrencyStamp = role });
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear(); // another Host inserted them at the same moment
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Empty user table: the configured Bootstrap:AdminEmail is now a coordinator login")]
    private static partial void LogConfigured(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Empty user table: created coordinator login {UserName} with a generated password, written to {File} (this user only)")]
    private static partial void LogGenerated(ILogger logger, string userName, string file);
}
