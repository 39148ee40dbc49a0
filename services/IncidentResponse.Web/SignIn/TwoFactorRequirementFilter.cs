using System.Security.Claims;
using IncidentResponse.Access.Authorization;
using IncidentResponse.Access.People;
using IncidentResponse.Access.SignIn;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Web.SignIn;

/// <summary>
/// When <see cref="SignInProtectionOptions.RequireTwoFactorForCoordinators"/> is on, a signed-in
/// coordinator without a confirmed authenticator gets no console page but the enrolment page (and
/// sign-out, language, denied): also a session that began before the setting was turned on.
/// </summary>
public sealed class TwoFactorRequirementFilter(IOptions<SignInProtectionOptions> options) : IAsyncPageFilter
{
    public const string EnrolmentPath = "/account/two-factor";

    private static readonly HashSet<string> Exempt = new(StringComparer.OrdinalIgnoreCase)
    {
        "/Security/TwoFactor", "/Security/Password", "/Account/Logout", "/Account/Language", "/Account/Denied", "/Account/Login", "/Account/LoginCode",
    };

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var user = context.HttpContext.User;
        if (options.Value.RequireTwoFactorForCoordinators
            && user.Identity is { IsAuthenticated: true, AuthenticationType: ConsoleCookie.Scheme }
            && user.IsInRole(AccessRoles.Coordinator)
            && !Exempt.Contains(context.ActionDescriptor.ViewEnginePath)
            && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            && !await context.HttpContext.RequestServices.GetRequiredService<TwoFactorCodes>().IsEnrolledAsync(id, context.HttpContext.RequestAborted))
        {
            var request = context.HttpContext.Request;
            context.Result = new RedirectResult(EnrolmentPath + "?ReturnUrl=" + Uri.EscapeDataString(request.Path + request.QueryString));
            return;
        }

        await next();
    }
}
