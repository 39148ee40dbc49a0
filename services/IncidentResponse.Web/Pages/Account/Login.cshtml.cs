using IncidentResponse.Access.People;
using IncidentResponse.Web.Console;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Logging;

namespace IncidentResponse.Web.Pages.Account;

/// <summary>
/// <c>/login</c>: e-mail (or user name) and password; repeated failures lock the account
/// (<see cref="PasswordRules.MaxFailedAttempts"/>). The answer never says which of the two was wrong.
/// </summary>
public sealed partial class LoginModel(SignInManager<ConsoleUser> signIn, UserManager<ConsoleUser> users, ILogger<LoginModel> logger) : ConsolePageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated == true && User.Identity.AuthenticationType == ConsoleCookie.Scheme ? LocalRedirect(SafeReturnUrl()) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var login = Input.Email?.Trim() ?? string.Empty;
        var user = login.Length == 0 ? null : await users.FindByEmailAsync(login) ?? await users.FindByNameAsync(login);
        if (user is null || string.IsNullOrEmpty(Input.Password))
        {
            return Refuse(L("Thư điện tử, tên đăng nhập hoặc mật khẩu không đúng.", "Wrong e-mail, user name or password."));
        }

        if (user.DisabledAt is not null)
        {
            LogRefused(logger, user.Id, "disabled");
            return Refuse(L("Tài khoản đã bị vô hiệu hóa. Liên hệ quản trị viên.", "This account is disabled. Contact the administrator."));
        }

        var result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            LogSignedIn(logger, user.Id);
            return LocalRedirect(SafeReturnUrl());
        }

        if (result.IsLockedOut)
        {
            LogRefused(logger, user.Id, "locked out");
            return Refuse(L("Tài khoản tạm khóa do đăng nhập sai nhiều lần. Thử lại sau hoặc liên hệ quản trị viên.",
                "The account is locked after repeated failed sign-ins. Try again later or contact the administrator."));
        }

        LogRefused(logger, user.Id, "wrong password");
        return Refuse(L("Thư điện tử, tên đăng nhập hoặc mật khẩu không đúng.", "Wrong e-mail, user name or password."));
    }

    private PageResult Refuse(string message)
    {
        Error = message;
        Input.Password = null;
        return Page();
    }

    private string SafeReturnUrl() => ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) ? url : "/";

    [LoggerMessage(Level = LogLevel.Information, Message = "Console sign-in of user {UserId}")]
    private static partial void LogSignedIn(ILogger logger, Guid userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Console sign-in refused for user {UserId}: {Reason}")]
    private static partial void LogRefused(ILogger logger, Guid userId, string reason);
}

public sealed class LoginInput
{
    public string? Email { get; set; }

    public string? Password { get; set; }
}
