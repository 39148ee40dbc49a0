using System.Diagnostics;
using IncidentResponse.ServiceDefaults.Security;
using OpenTelemetry;

namespace IncidentResponse.ServiceDefaults.Observability;

/// <summary>
/// Keeps secrets carried in URLs out of exported traces, as they are kept out of logs. An incoming request to a route with a
/// secret in its path (<c>/ack/{token}</c>, <c>/oncall/feed/{token}/calendar.ics</c>) is recorded by its route, not its path;
/// an outgoing call (a webhook's address holds its token, Telegram's holds the bot's) by its scheme, host and port only, as
/// delivery attempts show it (<see cref="SecretUrls.Mask"/>); a database command's span without its connection string. It runs
/// before any exporter, because it is added first.
/// </summary>
public sealed partial class TraceRedaction : BaseProcessor<Activity>
{
    /// <summary>Route parameters whose values are secrets.</summary>
    private static readonly string[] SecretParameters = ["{token", "{secret", "{key"];

    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Kind == ActivityKind.Client)
        {
            // A database command's span (Npgsql) names the connection string, password left out; the server, port and
            // database are tags of their own, and the rest (user name, pool settings) is nobody's business in a trace.
            data.SetTag("db.connection_string", null);
            data.SetTag("db.npgsql.data_source", null);
            foreach (var tag in (string[])["db.query.text", "db.statement"])
            {
                // Belt and braces: a statement that sets a password carries it as a literal (ServiceRoles suppresses its span).
                if (data.GetTagItem(tag) is string sql && PasswordClause().IsMatch(sql))
                {
                    data.SetTag(tag, "(hidden: the statement sets a password)");
                }
            }
            foreach (var tag in (string[])["url.full", "http.url"])
            {
                if (data.GetTagItem(tag) is string url)
                {
                    data.SetTag(tag, SecretUrls.Mask(url));
                }
            }

            if (data.GetTagItem("url.path") is string)
            {
                data.SetTag("url.path", SecretUrls.Hidden);
            }

            return;
        }

        if (data.Kind == ActivityKind.Server && data.GetTagItem("http.route") is string route
            && SecretParameters.Any(p => route.Contains(p, StringComparison.OrdinalIgnoreCase)))
        {
            var path = route.StartsWith('/') ? route : "/" + route;
            data.SetTag("url.path", path);
            data.SetTag("http.target", path);
            data.SetTag("url.full", null);
            data.DisplayName = $"{data.GetTagItem("http.request.method")} {path}".Trim();
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\bPASSWORD\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex PasswordClause();
}
