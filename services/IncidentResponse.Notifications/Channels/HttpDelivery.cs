using System.Globalization;
using System.Net;
using System.Text;
using IncidentResponse.ServiceDefaults.Security;
using Microsoft.AspNetCore.WebUtilities;

namespace IncidentResponse.Notifications.Channels;

/// <summary>How the HTTP channels (webhook, SMS gateway) classify a response or a failure.</summary>
internal static class HttpDelivery
{
    private const int SnippetLength = 200;

    /// <summary>2xx delivered; 408, 429 and 5xx transient; any other status permanent.</summary>
    public static AttemptOutcome OutcomeOf(HttpStatusCode status) => (int)status switch
    {
        >= 200 and < 300 => AttemptOutcome.Delivered,
        408 or 429 or >= 500 => AttemptOutcome.TransientFailure,
        _ => AttemptOutcome.PermanentFailure,
    };

    /// <summary>Sends and classifies; throws only when <paramref name="cancellationToken"/> is cancelled.</summary>
    public static async Task<ChannelResult> SendAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var line = await DescribeAsync(response, cancellationToken);
            return new ChannelResult(OutcomeOf(response.StatusCode), line, MessageIdOf(response));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException ex)
        {
            // Not our token: HttpClient's own time-out.
            return ChannelResult.Transient($"timeout: {ex.Message}");
        }
        catch (HttpRequestException ex)
        {
            return ChannelResult.Transient(ex.HttpRequestError == HttpRequestError.Unknown ? ex.Message : $"{ex.HttpRequestError}: {ex.Message}");
        }
        catch (IOException ex)
        {
            return ChannelResult.Transient(ex.Message);
        }
    }

    /// <summary>
    /// Sends and reads up to <paramref name="maxBody"/> bytes of the answer, for providers whose body says more than
    /// the status (Telegram, Zalo, a voice gateway): the answer, or the transient failure of a request that got none.
    /// Throws only when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public static async Task<(HttpAnswer? Answer, ChannelResult? Failure)> ExchangeAsync(
        HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken, int maxBody = 64 * 1024)
    {
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var code = (int)response.StatusCode;
            var reason = string.IsNullOrWhiteSpace(response.ReasonPhrase) ? ReasonPhrases.GetReasonPhrase(code) : response.ReasonPhrase;
            var body = await ReadAsync(response.Content, maxBody, cancellationToken);
            return (new HttpAnswer(response.StatusCode, string.Create(CultureInfo.InvariantCulture, $"HTTP {code} {reason}").TrimEnd(), body, request.RequestUri), null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException ex)
        {
            return (null, ChannelResult.Transient($"timeout: {ex.Message}"));
        }
        catch (HttpRequestException ex)
        {
            return (null, ChannelResult.Transient(ex.HttpRequestError == HttpRequestError.Unknown ? ex.Message : $"{ex.HttpRequestError}: {ex.Message}"));
        }
        catch (IOException ex)
        {
            return (null, ChannelResult.Transient(ex.Message));
        }
    }

    /// <summary>
    /// The configured gateway's address, or why a notice cannot go through it (none configured, or not an HTTP(S)
    /// URL); <paramref name="what"/> names the gateway in that reason ("SMS", "voice").
    /// </summary>
    public static (Uri? Gateway, ChannelResult? Failure) Gateway(string? endpoint, string what)
    {
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return (null, ChannelResult.Permanent($"no {what} gateway configured"));
        }

        return Uri.TryCreate(endpoint, UriKind.Absolute, out var gateway) && gateway.Scheme is "https" or "http"
            ? (gateway, null)
            : (null, ChannelResult.Permanent($"invalid {what} gateway URL"));
    }

    /// <summary>Up to 200 characters of a text, on one line: what goes on the record of an attempt.</summary>
    public static string Snippet(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= SnippetLength ? line : line[..SnippetLength];
    }

    private static async Task<string> ReadAsync(HttpContent content, int maxBody, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[maxBody];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
            {
                read += n;
            }

            return Encoding.UTF8.GetString(buffer, 0, read);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            return string.Empty;
        }
    }

    /// <summary><c>HTTP 503 Service Unavailable</c>, then up to 200 characters of the body.</summary>
    private static async Task<string> DescribeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var code = (int)response.StatusCode;
        var reason = string.IsNullOrWhiteSpace(response.ReasonPhrase) ? ReasonPhrases.GetReasonPhrase(code) : response.ReasonPhrase;
        var line = string.Create(CultureInfo.InvariantCulture, $"HTTP {code} {reason}").TrimEnd();
        var body = await SnippetAsync(response.Content, response.RequestMessage?.RequestUri, cancellationToken);
        return body.Length == 0 ? line : $"{line}: {body}";
    }

    /// <summary>
    /// <paramref name="text"/> without the pieces of <paramref name="address"/> that may be its credential: many servers echo
    /// the path and query in an error ("Cannot POST /hooks/&lt;token&gt;"), and a provider's answer is kept on the attempt,
    /// shown to readers and copied to the timeline. The whole path and query (also with its slashes escaped, as JSON writes
    /// them), each query value (or a parameter without one) and each path segment of 8 characters or more that is not a
    /// plain word (lower-case letters joined by hyphens, under 20), as sent and unescaped, become "…", before the answer is
    /// cut to its length. Words of the path and the query's names stay, which tell what failed.
    /// </summary>
    internal static string Unechoed(string text, Uri? address)
    {
        if (address is null || !address.IsAbsoluteUri || text.Length == 0)
        {
            return text;
        }

        var query = address.Query.TrimStart('?');
        IEnumerable<string> pieces = [address.PathAndQuery, address.AbsolutePath, query,
            address.PathAndQuery.Replace("/", "\\/", StringComparison.Ordinal), address.AbsolutePath.Replace("/", "\\/", StringComparison.Ordinal),
            .. address.AbsolutePath.Split('/').Where(s => !IsPlainWord(s)),
            .. query.Split('&').Select(p => p.Split('=', 2)[^1])];
        foreach (var piece in pieces.SelectMany(p => new[] { p, Unescaped(p) }).Where(p => p.Length >= 8).Distinct().OrderByDescending(p => p.Length))
        {
            text = text.Replace(piece, SecretUrls.Hidden, StringComparison.OrdinalIgnoreCase);
        }

        return text;
    }

    /// <summary>A path word that names a thing rather than a credential: lower-case ASCII letters, hyphens between, under 20.</summary>
    private static bool IsPlainWord(string segment) =>
        segment.Length < 20 && segment.Length > 0 && segment.Split('-').All(w => w.Length > 0 && w.All(char.IsAsciiLetterLower));

    private static string Unescaped(string piece)
    {
        try
        {
            return Uri.UnescapeDataString(piece.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return piece;
        }
    }

    private static async Task<string> SnippetAsync(HttpContent content, Uri? address, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await content.ReadAsStreamAsync(cancellationToken);
            // Enough that a credential starting inside the first 200 characters is read whole, and so taken out whole.
            var buffer = new byte[(SnippetLength * 4) + (3 * (address?.OriginalString.Length ?? 0))];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
            {
                read += n;
            }

            var text = Unechoed(Encoding.UTF8.GetString(buffer, 0, read), address).ReplaceLineEndings(" ").Trim();
            return text.Length <= SnippetLength ? text : text[..SnippetLength];
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            return string.Empty;
        }
    }

    private static string? MessageIdOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Request-Id", out var values) ? values.FirstOrDefault() : null;
}

/// <summary>A provider's answer: status, status line (<c>HTTP 429 Too Many Requests</c>) and body, as read; the address asked.</summary>
internal sealed record HttpAnswer(HttpStatusCode Status, string Line, string Body, Uri? Address = null)
{
    /// <summary>The status line and up to 200 characters of the body without the address's pieces, for the record.</summary>
    public string Describe() => Body.Length == 0 ? Line : $"{Line}: {HttpDelivery.Snippet(HttpDelivery.Unechoed(Body, Address))}";
}
