using IncidentResponse.Web.Console;
using Microsoft.AspNetCore.Http;

namespace IncidentResponse.Web.Pages.Account;

/// <summary><c>/denied</c>: where a signed-in person lands when a page's role does not match; answers 403.</summary>
public sealed class DeniedModel : ConsolePageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
