using IncidentResponse.Access.People;
using IncidentResponse.Web.Console;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace IncidentResponse.Web.Pages.Account;

/// <summary><c>/logout</c>: the GET only shows a button (a GET changes nothing); the POST ends the session.</summary>
public sealed class LogoutModel(SignInManager<ConsoleUser> signIn) : ConsolePageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return LocalRedirect(ConsoleCookie.LoginPath);
    }
}
