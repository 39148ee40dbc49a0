using IncidentResponse.Access.People;
using IncidentResponse.Web.Console;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace IncidentResponse.Web.Pages.Account;

/// <summary>
/// <c>/logout</c>: the GET only shows a button (a GET changes nothing); the POST ends the session and
/// changes the account's security stamp, so a copy of the session cookie (or a console token) stops
/// working too, within the stamp's validation interval.
/// </summary>
public sealed class LogoutModel(SignInManager<ConsoleUser> signIn) : ConsolePageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.UserManager.GetUserAsync(User) is { } user)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        return LocalRedirect(ConsoleCookie.LoginPath);
    }
}
