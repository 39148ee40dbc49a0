using System.Security.Claims;
using IncidentResponse.Access.Authorization;
using IncidentResponse.Access.People;
using IncidentResponse.Access.SignIn;
using IncidentResponse.Web.Console;
using IncidentResponse.Web.SignIn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Web.Pages.Account;

/// <summary>
/// <c>/login</c>: e-mail (or user name) and password. Every refusal reads the same (<see cref="ConsoleSignIn"/>);
/// repeated failures close the login to the failing address only. A person with an authenticator
/// goes on to <c>/login/code</c>; a coordinator who must have one and has not is sent to enrol.
/// Posts are rate limited per address (<see cref="LoginRateLimitPolicy"/>).
/// </summary>
public sealed partial class LoginModel(
    SignInManager<ConsoleUser> signIn, ConsoleSignIn gate, TwoFactorCodes codes, IOptions<SignInProtectionOptions> options, ILogger<LoginModel> logger)
    : ConsolePageModel
{
    /// <summary>The claim of the pending second step that holds the account's security stamp (a change in between ends it).</summary>
    public const string StampClaim = "ir:stamp";

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated == true && User.Identity.AuthenticationType == ConsoleCookie.Scheme ? LocalRedirect(SafeReturnUrl()) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await gate.CheckPasswordAsync(Input.Email, Input.Password, ClientAddress.Of(HttpContext));
        if (user is null)
        {
            Error = L("Thông tin đăng nhập không đúng, hoặc tài khoản tạm thời không dùng được. Thử lại sau ít phút hoặc liên hệ quản trị viên.",
                "Wrong sign-in details, or the account cannot be used for now. Try again in a few minutes or contact the administrator.");
            Input.Password = null;
            return Page();
        }

        if (await codes.IsEnrolledAsync(user.Id, HttpContext.RequestAborted))
        {
            var pending = new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Id.ToString()), new Claim(StampClaim, user.SecurityStamp ?? string.Empty)],
                IdentityConstants.TwoFactorUserIdScheme);
            await HttpContext.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(pending));
            return LocalRedirect("/login/code?ReturnUrl=" + Uri.EscapeDataString(SafeReturnUrl()));
        }

        await signIn.SignInAsync(user, isPersistent: false);
        LogSignedIn(logger, user.Id);
        if (options.Value.RequireTwoFactorForCoordinators && await signIn.UserManager.IsInRoleAsync(user, AccessRoles.Coordinator))
        {
            return LocalRedirect(TwoFactorRequirementFilter.EnrolmentPath + "?ReturnUrl=" + Uri.EscapeDataString(SafeReturnUrl()));
        }

        return LocalRedirect(SafeReturnUrl());
    }

    private string SafeReturnUrl() => ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) ? url : "/";

    [LoggerMessage(Level = LogLevel.Information, Message = "Console sign-in of user {UserId}")]
    private static partial void LogSignedIn(ILogger logger, Guid userId);
}

public sealed class LoginInput
{
    public string? Email { get; set; }

    public string? Password { get; set; }
}
