using IncidentResponse.Access.Authorization;
using IncidentResponse.Access.People;
using IncidentResponse.Web.Console;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace IncidentResponse.Web.Pages.Security;

/// <summary>
/// <c>/account/password</c>: a signed-in person replaces their password, giving the current one. A person whose password
/// someone else chose is kept here until they do (<see cref="SignIn.PasswordChangeRequirementFilter"/>). The change moves
/// the account's security stamp, so other sessions end; this one is signed in again. Posts count against the
/// <c>login</c> limit, so a left-open session cannot be used to guess the current password.
/// </summary>
public sealed class PasswordModel(SignInManager<ConsoleUser> signIn, AccountChanges changes) : ConsolePageModel
{
    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Required => User.HasClaim(AccessClaims.MustChangePassword, "true");

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public string Continue => ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) && !url.StartsWith("/account/password", StringComparison.OrdinalIgnoreCase) ? url : "/";

    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.UserManager.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (Input.NewPassword != Input.Confirm)
        {
            Errors = new Dictionary<string, string[]> { ["confirm"] = [L("Hai lần nhập mật khẩu mới không khớp.", "The two new passwords differ.")] };
        }
        else
        {
            Errors = await changes.ChangeOwnPasswordAsync(user, Input.CurrentPassword, Input.NewPassword, User, HttpContext.RequestAborted);
        }

        Input = new();
        if (Errors.Count > 0)
        {
            return Page();
        }

        // The stamp moved with the password: sign this session in again with fresh claims (no more "must change").
        await signIn.RefreshSignInAsync(user);
        return LocalRedirect(Continue);
    }

    public string? ErrorOf(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;
}

public sealed class PasswordInput
{
    public string? CurrentPassword { get; set; }

    public string? NewPassword { get; set; }

    public string? Confirm { get; set; }
}
