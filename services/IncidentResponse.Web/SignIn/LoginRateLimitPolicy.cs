using System.Net;
using System.Threading.RateLimiting;
using IncidentResponse.Access.SignIn;
using IncidentResponse.ServiceDefaults.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Web.SignIn;

/// <summary>
/// The <c>login</c> rate limit: sign-in form posts (password and code steps) per client address in a
/// fixed window. It runs before the page, so a post the anti-forgery check would refuse counts too.
/// Answers 429 with <c>Retry-After</c>: a short bilingual page to a browser, a problem otherwise.
/// </summary>
public sealed class LoginRateLimitPolicy(IOptions<SignInProtectionOptions> options) : IRateLimiterPolicy<string>
{
    public const string Name = "login";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RejectAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!HttpMethods.IsPost(httpContext.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        var settings = options.Value;
        return RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Of(httpContext), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, settings.AttemptsPerAddress),
            Window = settings.AttemptWindow > TimeSpan.Zero ? settings.AttemptWindow : TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancel)
    {
        var seconds = ServiceDefaults.Web.RateLimits.RateLimitRejection.SetRetryAfter(context, options.Value.AttemptWindow);
        var http = context.HttpContext;
        http.Response.Headers.CacheControl = "no-store";
        var vi = $"Quá nhiều lần đăng nhập từ địa chỉ này. Vui lòng chờ {seconds} giây rồi thử lại.";
        var en = $"Too many sign-in attempts from this address. Please wait {seconds} seconds and try again.";
        if (http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase))
        {
            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.WriteAsync(
                "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Chờ một chút / Please wait</title></head><body>"
                + $"<h1>Chờ một chút / Please wait</h1><p>{WebUtility.HtmlEncode(vi)}</p><p lang=\"en\">{WebUtility.HtmlEncode(en)}</p>"
                + "<p><a href=\"/login\">Đăng nhập / Sign in</a></p></body></html>", cancel);
            return;
        }

        await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Quá nhiều yêu cầu / Too many requests",
            detail: vi + " / " + en, type: Problems.TypeBase + "too-many-requests").ExecuteAsync(http);
    }
}
