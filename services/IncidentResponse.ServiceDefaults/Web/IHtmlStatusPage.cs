using Microsoft.AspNetCore.Http;

namespace IncidentResponse.ServiceDefaults.Web;

/// <summary>
/// The page a person's browser gets for an error status (a 404 behind a link, a 403) when a role with
/// pages registers one. API callers, and every request not asking for HTML, get problem+json instead.
/// </summary>
public interface IHtmlStatusPage
{
    Task WriteAsync(HttpContext context);
}
