using IncidentResponse.Access.Authorization;
using IncidentResponse.Access.People;
using IncidentResponse.Access.SignIn;
using IncidentResponse.Web.Console;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Web.Pages.Security;

/// <summary>
/// <c>/account/two-factor</c>: a signed-in person sets up TOTP sign-in: the secret as an <c>otpauth://</c>
/// address and as base32 text, confirmed with a code from the app; then the recovery codes, shown once.
/// A coordinator who must have an authenticator is kept on this page until it is confirmed.
/// </summary>
public sealed class TwoFactorModel(UserManager<ConsoleUser> users, TwoFactorCodes codes, IOptions<SignInProtectionOptions> options) : ConsolePageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Enrolled { get; private set; }

    public bool Required { get; private set; }

    public TotpSetup? Setup { get; private set; }

    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public string? Error { get; private set; }

    public string Continue => ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) ? url : "/";

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        RecoveryCodes = await codes.ConfirmAsync(user, Code, User, HttpContext.RequestAborted);
        if (RecoveryCodes is null)
        {
            Error = L("Mã không đúng. Kiểm tra giờ trên điện thoại và nhập mã mới.", "Wrong code. Check your phone's clock and enter a new code.");
        }

        Code = null;
        await LoadAsync(user);
        return Page();
    }

    private async Task LoadAsync(ConsoleUser user)
    {
        Required = options.Value.RequireTwoFactorForCoordinators && User.IsInRole(AccessRoles.Coordinator);
        Enrolled = await codes.IsEnrolledAsync(user.Id, HttpContext.RequestAborted);
        Setup = Enrolled ? null : await codes.SetupAsync(user, HttpContext.RequestAborted);
    }
}
