using IncidentResponse.Access.People;
using IncidentResponse.Contracts.Api.Directory;
using IncidentResponse.ServiceDefaults.Web;
using IncidentResponse.Web.Console;
using Microsoft.AspNetCore.Mvc;

namespace IncidentResponse.Web.Pages.Admin;

/// <summary><c>/admin/users</c>: people's console accounts, through <c>/api/v1/users</c> (each change lands on the audit log).</summary>
public sealed class UsersModel(ConsoleApi api) : ConsolePageModel
{
    public IReadOnlyList<UserEndpoints.UserView> Users { get; private set; } = [];

    /// <summary>The directory's units, retired ones too (for the names of accounts made before); those in use are offered for a responder's unit.</summary>
    public IReadOnlyList<UnitView> Units { get; private set; } = [];

    /// <summary>The directory's people in use, offered for the person id.</summary>
    public IReadOnlyList<PersonView> People { get; private set; } = [];

    /// <summary>A unit's name in the console's language, or its code when the directory does not hold it.</summary>
    public string UnitName(string code) => Units.FirstOrDefault(u => u.Code == code) is { } unit ? L(unit.NameVi, unit.NameEn) : code;

    [BindProperty]
    public NewUserInput NewUser { get; set; } = new();

    public string? Message { get; private set; }

    /// <summary>A generated password, shown once.</summary>
    public string? Secret { get; private set; }

    public ApiProblem? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await ShowAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var result = await api.PostAsync<UserEndpoints.UserWithPassword>("api/v1/users", new
        {
            email = NewUser.Email,
            displayName = NewUser.DisplayName,
            role = NewUser.Role,
            unit = NewUser.Role == "responder" ? NewUser.Unit : null,
            personId = NewUser.PersonId,
            password = string.IsNullOrEmpty(NewUser.Password) ? null : NewUser.Password,
        }, cancellationToken);
        if (result.Ok)
        {
            Message = L($"Đã tạo tài khoản {result.Value!.User.UserName}.", $"Created the account {result.Value!.User.UserName}.");
            Secret = result.Value.Password;
            NewUser = new();
            ModelState.Clear();
        }

        return await ShowAsync(result.Ok ? null : result, cancellationToken);
    }

    public Task<IActionResult> OnPostLockAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, "lock", L("Đã khóa tài khoản.", "Account locked."), cancellationToken);

    public Task<IActionResult> OnPostUnlockAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, "unlock", L("Đã mở khóa tài khoản.", "Account unlocked."), cancellationToken);

    public Task<IActionResult> OnPostDisableAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, "disable", L("Đã vô hiệu hóa tài khoản.", "Account disabled."), cancellationToken);

    public Task<IActionResult> OnPostEnableAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, "enable", L("Đã kích hoạt lại tài khoản.", "Account enabled."), cancellationToken);

    public async Task<IActionResult> OnPostResetAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await api.PostAsync<UserEndpoints.UserWithPassword>($"api/v1/users/{id}/password", new { }, cancellationToken);
        if (result.Ok)
        {
            Message = L($"Mật khẩu mới của {result.Value!.User.UserName} (chỉ hiện một lần):", $"New password of {result.Value!.User.UserName} (shown once):");
            Secret = result.Value.Password;
        }

        return await ShowAsync(result.Ok ? null : result, cancellationToken);
    }

    private async Task<IActionResult> ActAsync(Guid id, string action, string done, CancellationToken cancellationToken)
    {
        var result = await api.PostAsync<UserEndpoints.UserView>($"api/v1/users/{id}/{action}", new { }, cancellationToken);
        Message = result.Ok ? done : null;
        return await ShowAsync(result.Ok ? null : result, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync<T>(ApiResult<T>? failed, CancellationToken cancellationToken)
    {
        if (failed is not null)
        {
            Problem = failed.Problem;
            Response.StatusCode = (int)failed.Status;
            foreach (var (field, messages) in failed.Problem?.Errors ?? [])
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError("NewUser." + char.ToUpperInvariant(field[0]) + field[1..], message);
                }
            }
        }

        var list = await api.GetAsync<List<UserEndpoints.UserView>>("api/v1/users", cancellationToken);
        Users = list.Value ?? [];
        Units = (await api.GetAsync<PageOf<UnitView>>("api/v1/units?includeInactive=true", cancellationToken)).Value?.Items ?? [];
        People = (await api.GetAsync<PageOf<PersonView>>("api/v1/people", cancellationToken)).Value?.Items ?? [];
        return Page();
    }

    private Task<IActionResult> ShowAsync(CancellationToken cancellationToken) => ShowAsync<object>(null, cancellationToken);
}

public sealed class NewUserInput
{
    public string? Email { get; set; }

    public string? DisplayName { get; set; }

    public string? Role { get; set; } = "operator";

    public string? Unit { get; set; }

    public string? PersonId { get; set; }

    public string? Password { get; set; }
}
