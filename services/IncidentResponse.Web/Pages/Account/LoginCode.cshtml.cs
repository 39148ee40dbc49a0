using System.Security.Claims;
using IncidentResponse.Access.People;
using IncidentResponse.Access.SignIn;
using IncidentResponse.Web.Console;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace IncidentResponse.Web.Pages.Account;

/// <summary>
/// <c>/login/code</c>: the second step after a right password, for a person with an authenticator: a
/// six-digit code (each used once) or a recovery code. Wrong codes count as failures of that account
/// from that address; posts share the <c>login</c> rate limit.
/// </summary>
public sealed partial class LoginCodeModel(
    SignInManager<ConsoleUser> signIn, ConsoleSignIn gate, TwoFactorCodes codes, SignInFailures failures, ILogger<LoginCodeModel> logger)
    : ConsolePageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await PendingAsync() is null ? LocalRedirect(ConsoleCookie.LoginPath) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await PendingAsync();
        if (user is null)
        {
            return LocalRedirect(ConsoleCookie.LoginPath);
        }

        var key = "totp:" + user.Id.ToString("N");
        var address = ClientAddress.Of(HttpContext);
        if (failures.IsClosed(key, address) || !gate.MaySignIn(user) || !await codes.VerifyAsync(user.Id, Code, HttpContext.RequestAborted))
        {
            failures.RecordFailure(key, address);
            LogRefused(logger, user.Id, address);
            Error = L("Mã không đúng, đã dùng rồi hoặc đã hết hạn. Nhập mã mới trên ứng dụng xác thực.",
                "The code is wrong, already used or expired. Enter a new code from your authenticator app.");
            Code = null;
            return Page();
        }

        failures.Forget(key, address);
        await HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await signIn.SignInAsync(user, isPersistent: false);
        LogSignedIn(logger, user.Id);
        return LocalRedirect(ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) ? url : "/");
    }

    /// <summary>The account whose password was right moments ago (the short-lived second-step cookie), if its security stamp has not changed since.</summary>
    private async Task<ConsoleUser?> PendingAsync()
    {
        var pending = await HttpContext.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
        if (!pending.Succeeded || pending.Principal.FindFirstValue(ClaimTypes.Name) is not { } id)
        {
            return null;
        }

        var user = await signIn.UserManager.FindByIdAsync(id);
        return user is not null && user.SecurityStamp == pending.Principal.FindFirstValue(LoginModel.StampClaim) ? user : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Console sign-in of user {UserId} with a second factor")]
    private static partial void LogSignedIn(ILogger logger, Guid userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Console sign-in code refused for user {UserId} from {Address}")]
    private static partial void LogRefused(ILogger logger, Guid userId, string address);
}
