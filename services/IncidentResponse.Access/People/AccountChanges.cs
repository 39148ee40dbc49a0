using System.Security.Claims;
using IncidentResponse.Access.Authorization;
using IncidentResponse.Access.Data;
using IncidentResponse.ServiceDefaults.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using static IncidentResponse.Access.People.UserEndpoints;

namespace IncidentResponse.Access.People;

/// <summary>
/// Every change to a person's account: validated, applied through Identity and recorded on the
/// audit log (before and after) in one transaction. Any change moves the account's security stamp,
/// so its open sessions and console tokens end (locks, role changes, password resets take effect).
/// </summary>
public sealed class AccountChanges(UserManager<ConsoleUser> users, AccessDbContext db, TimeProvider time, IServiceProvider services)
{
    public async Task<IResult> CreateAsync(CreateUser request, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        var email = Clean(request.Email);
        var userName = Clean(request.UserName) ?? email;
        if (userName is null || userName.Length > 256)
        {
            errors["email"] = ["Bắt buộc: thư điện tử hoặc tên đăng nhập, tối đa 256 ký tự / required: an e-mail or user name, at most 256 characters"];
        }

        if (email is not null && (email.Length > 256 || !email.Contains('@', StringComparison.Ordinal)))
        {
            errors["email"] = ["Thư điện tử không hợp lệ / not a valid e-mail address"];
        }

        var fields = ValidateProfile(request.DisplayName, request.Role, request.Unit, request.PersonId, errors);
        if (errors.Count == 0 && !await DirectoryReferences.CheckAsync(services, fields.Unit, fields.PersonId, errors, cancellationToken))
        {
            return DirectoryReferences.Unavailable();
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var password = request.Password is { Length: > 0 } given ? given : null;
        var user = new ConsoleUser
        {
            Id = Guid.NewGuid(),
            UserName = userName,
            Email = email,
            DisplayName = fields.DisplayName,
            Unit = fields.Unit,
            PersonId = fields.PersonId,
            CreatedAt = time.GetUtcNow(),
            PasswordChangeRequiredAt = request.MustChangePassword == false ? null : time.GetUtcNow(),
        };
        var chosen = password ?? PasswordRules.Generate();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await users.CreateAsync(user, chosen);
        if (!created.Succeeded)
        {
            return Refused(created);
        }

        var role = await users.AddToRoleAsync(user, fields.Role);
        if (!role.Succeeded)
        {
            return Refused(role);
        }

        db.Record(actor, time, "user.created", Subject(user), null, AccountSnapshot.Of(user, fields.Role));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Results.Created($"/api/v1/users/{user.Id}", new UserWithPassword(View(user, fields.Role, time), password is null ? chosen : null));
    }

    public async Task<IResult> ChangeAsync(Guid id, ChangeUser request, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        var fields = ValidateProfile(request.DisplayName, request.Role, request.Unit, request.PersonId, errors);
        var kept = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.Unit, u.PersonId }).FirstOrDefaultAsync(cancellationToken);
        if (kept is not null && errors.Count == 0 && !await DirectoryReferences.CheckAsync(services, fields.Unit, fields.PersonId, errors, cancellationToken, kept.Unit, kept.PersonId))
        {
            return DirectoryReferences.Unavailable();
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        return await ApplyAsync(id, actor, "user.changed", async (manager, user, _) =>
        {
            user.DisplayName = fields.DisplayName;
            user.Unit = fields.Unit;
            user.PersonId = fields.PersonId;
            var current = await manager.GetRolesAsync(user);
            if (!current.SequenceEqual([fields.Role]))
            {
                var removed = await manager.RemoveFromRolesAsync(user, current);
                if (!removed.Succeeded)
                {
                    return removed;
                }

                var added = await manager.AddToRoleAsync(user, fields.Role);
                if (!added.Succeeded)
                {
                    return added;
                }
            }

            return await manager.UpdateAsync(user);
        }, cancellationToken, allowSelf: false);
    }

    public async Task<IResult> ResetPasswordAsync(Guid id, string? password, ClaimsPrincipal actor, CancellationToken cancellationToken, bool? mustChange = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var chosen = password is { Length: > 0 } ? password : PasswordRules.Generate();
        var own = actor.ActorId() == "user:" + id.ToString("N");
        // Not through a reset token: generating one goes through Data Protection, whose key ring lives in
        // this same database, and creating the first key from inside this transaction waits on SQLite's write lock.
        var result = await ApplyAsync(id, actor, "user.password-reset", async (manager, user, _) =>
        {
            // Someone else's password set by a coordinator is theirs to replace at the next sign-in, unless told otherwise.
            user.PasswordChangeRequiredAt = own || mustChange == false ? null : time.GetUtcNow();
            var removed = await manager.RemovePasswordAsync(user);
            return removed.Succeeded ? await manager.AddPasswordAsync(user, chosen) : removed;
        }, cancellationToken, allowSelf: true);
        return result is IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK } && result is IValueHttpResult { Value: UserView view }
            ? Results.Ok(new UserWithPassword(view, password is { Length: > 0 } ? null : chosen))
            : result;
    }

    /// <summary>
    /// A person replaces their own password (knowing the current one); it clears the need to change it, moves the security
    /// stamp (their other sessions end) and is audited. The problems by field (<c>currentPassword</c>, <c>newPassword</c>), or none.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string[]>> ChangeOwnPasswordAsync(ConsoleUser user, string? current, string? next, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(current))
        {
            errors["currentPassword"] = ["Bắt buộc / required"];
        }

        if (string.IsNullOrEmpty(next))
        {
            errors["newPassword"] = ["Bắt buộc / required"];
        }
        else if (next == current)
        {
            errors["newPassword"] = ["Mật khẩu mới phải khác mật khẩu hiện tại / the new password must differ from the current one"];
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        var before = AccountSnapshot.Of(user, (await users.GetRolesAsync(user)).FirstOrDefault());
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var required = user.PasswordChangeRequiredAt;
        user.PasswordChangeRequiredAt = null;
        var changed = await users.ChangePasswordAsync(user, current!, next!);
        if (!changed.Succeeded)
        {
            user.PasswordChangeRequiredAt = required;
            return changed.Errors.GroupBy(e => e.Code == "PasswordMismatch" ? "currentPassword" : "newPassword")
                .ToDictionary(g => g.Key, g => g.Key == "currentPassword"
                    ? ["Mật khẩu hiện tại không đúng / the current password is wrong"]
                    : g.Select(e => e.Description).ToArray());
        }

        db.Record(actor, time, "user.password-changed", Subject(user), before, AccountSnapshot.Of(user, (await users.GetRolesAsync(user)).FirstOrDefault()));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return errors;
    }

    internal static Task<IdentityResult> LockAsync(UserManager<ConsoleUser> manager, ConsoleUser user, TimeProvider time) =>
        manager.SetLockoutEndDateAsync(user, PasswordRules.LockedForGood);

    internal static async Task<IdentityResult> UnlockAsync(UserManager<ConsoleUser> manager, ConsoleUser user, TimeProvider time)
    {
        if (user.DisabledAt is not null)
        {
            return IdentityResult.Failed(new IdentityError { Code = "Disabled", Description = "Tài khoản đã bị vô hiệu hóa; hãy kích hoạt lại / the account is disabled; enable it instead" });
        }

        var unlocked = await manager.SetLockoutEndDateAsync(user, null);
        return unlocked.Succeeded ? await manager.ResetAccessFailedCountAsync(user) : unlocked;
    }

    internal static Task<IdentityResult> DisableAsync(UserManager<ConsoleUser> manager, ConsoleUser user, TimeProvider time)
    {
        user.DisabledAt ??= time.GetUtcNow();
        user.LockoutEnd = PasswordRules.LockedForGood;
        return manager.UpdateAsync(user);
    }

    internal static Task<IdentityResult> EnableAsync(UserManager<ConsoleUser> manager, ConsoleUser user, TimeProvider time)
    {
        user.DisabledAt = null;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        return manager.UpdateAsync(user);
    }

    /// <summary>Loads the account, applies <paramref name="change"/>, moves the security stamp and records before/after, all or nothing.</summary>
    public async Task<IResult> ApplyAsync(Guid id, ClaimsPrincipal actor, string action,
        Func<UserManager<ConsoleUser>, ConsoleUser, TimeProvider, Task<IdentityResult>> change, CancellationToken cancellationToken, bool allowSelf = false)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(change);
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return Problems.NotFound("user", id);
        }

        if (!allowSelf && actor.ActorId() == "user:" + id.ToString("N"))
        {
            return Problems.Conflict("Không thể tự thay đổi vai trò, khóa hay vô hiệu hóa tài khoản của chính mình / you cannot change the role of, lock or disable your own account");
        }

        var before = AccountSnapshot.Of(user, (await users.GetRolesAsync(user)).FirstOrDefault());
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await change(users, user, time);
        if (!result.Succeeded)
        {
            return Refused(result);
        }

        var stamped = await users.UpdateSecurityStampAsync(user);
        if (!stamped.Succeeded)
        {
            return Refused(stamped);
        }

        var role = (await users.GetRolesAsync(user)).FirstOrDefault();
        db.Record(actor, time, action, Subject(user), before, AccountSnapshot.Of(user, role));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Results.Ok(View(user, role, time));
    }

    internal static async Task<Dictionary<Guid, string>> RolesByUserAsync(AccessDbContext db, CancellationToken cancellationToken)
    {
        var pairs = await (from ur in db.Set<IdentityUserRole<Guid>>()
                           join r in db.Roles on ur.RoleId equals r.Id
                           select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        return pairs.GroupBy(p => p.UserId).ToDictionary(g => g.Key, g => g.First().Name!);
    }

    internal static UserView View(ConsoleUser user, string? role, TimeProvider time) => new(
        user.Id, user.UserName ?? string.Empty, user.Email, user.DisplayName, role, user.Unit, user.PersonId, user.CreatedAt,
        user.LockoutEnd is { } end && end > time.GetUtcNow() ? end : null, user.DisabledAt, user.AccessFailedCount, user.PasswordChangeRequiredAt is not null);

    private static string Subject(ConsoleUser user) => "user:" + user.Id.ToString("N");

    private static IResult Refused(IdentityResult result) =>
        IsConflict(result) ? Problems.Conflict(string.Join("; ", result.Errors.Select(e => e.Description))) : Problems.Validation(Errors(result));

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static Profile ValidateProfile(string? displayName, string? role, string? unit, string? personId, Dictionary<string, string[]> errors)
    {
        var name = Clean(displayName);
        if (name is null || name.Length > 200)
        {
            errors["displayName"] = ["Bắt buộc, tối đa 200 ký tự / required, at most 200 characters"];
        }

        if (role is null || !AdminBootstrapper.ConsoleRoles.Contains(role))
        {
            errors["role"] = [$"Một trong / one of: {string.Join(", ", AdminBootstrapper.ConsoleRoles)}"];
        }

        var cleanUnit = Clean(unit);
        if (role == AccessRoles.Responder && (cleanUnit is null || cleanUnit.Length > 40))
        {
            errors["unit"] = ["Bắt buộc với vai trò responder: mã đơn vị trong danh bạ / required for a responder: the unit's directory code"];
        }
        else if (role != AccessRoles.Responder && cleanUnit is not null)
        {
            errors["unit"] = ["Chỉ dùng cho vai trò responder / only for the responder role"];
        }

        var person = Clean(personId);
        if (person is { Length: > 80 })
        {
            errors["personId"] = ["Tối đa 80 ký tự / at most 80 characters"];
        }

        return new Profile(name ?? string.Empty, role ?? string.Empty, role == AccessRoles.Responder ? cleanUnit : null, person);
    }

    private sealed record Profile(string DisplayName, string Role, string? Unit, string? PersonId);
}
