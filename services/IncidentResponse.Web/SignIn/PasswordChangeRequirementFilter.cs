using IncidentResponse.Access.Authorization;
using IncidentResponse.Access.People;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace IncidentResponse.Web.SignIn;

/// <summary>
/// A signed-in person whose password someone else chose (the generated first administrator, an account a coordinator
/// made or reset) gets no console page but <see cref="PagePath"/> (and sign-out, language, denied) until they choose
/// their own. It comes before the two-factor requirement: the password first, then the authenticator.
/// </summary>
public sealed class PasswordChangeRequirementFilter : IAsyncPageFilter
{
    public const string PagePath = "/account/password";

    private static readonly HashSet<string> Exempt = new(StringComparer.OrdinalIgnoreCase)
    {
        "/Security/Password", "/Account/Logout", "/Account/Language", "/Account/Denied", "/Account/Login", "/Account/LoginCode",
    };

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var user = context.HttpContext.User;
        if (user.Identity is { IsAuthenticated: true, AuthenticationType: ConsoleCookie.Scheme }
            && user.HasClaim(AccessClaims.MustChangePassword, "true")
            && !Exempt.Contains(context.ActionDescriptor.ViewEnginePath))
        {
            var request = context.HttpContext.Request;
            context.Result = new RedirectResult(PagePath + "?ReturnUrl=" + Uri.EscapeDataString(request.Path + request.QueryString));
            return;
        }

        await next();
    }
}
