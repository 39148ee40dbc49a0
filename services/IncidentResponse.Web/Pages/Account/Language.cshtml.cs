using IncidentResponse.Web.Console;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace IncidentResponse.Web.Pages.Account;

/// <summary><c>/lang</c>: the language switch (a cookie, <c>ir-lang</c>); Vietnamese unless English is chosen.</summary>
public sealed class LanguageModel(TimeProvider time) : ConsolePageModel
{
    public IActionResult OnPost(string? to, string? returnUrl)
    {
        var code = to == Lang.English ? Lang.English : Lang.Vietnamese;
        Response.Cookies.Append(Lang.Cookie, code, new CookieOptions
        {
            Expires = time.GetUtcNow().AddYears(1),
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            Secure = Request.IsHttps,
        });
        return LocalRedirect(returnUrl is { Length: > 0 } && Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
