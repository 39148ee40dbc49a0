using System.Globalization;
using System.Net;
using System.Text;
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
            return (new HttpAnswer(response.StatusCode, string.Create(CultureInfo.InvariantCulture, $"HTTP {code} {reason}").TrimEnd(), body), null);
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
        var body = await SnippetAsync(response.Content, cancellationToken);
        return body.Length == 0 ? line : $"{line}: {body}";
    }

    private static async Task<string> SnippetAsync(HttpContent content, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[SnippetLength * 4];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
            {
                read += n;
            }

            var text = Encoding.UTF8.GetString(buffer, 0, read).ReplaceLineEndings(" ").Trim();
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

/// <summary>A provider's answer: status, status line (<c>HTTP 429 Too Many Requests</c>) and body.</summary>
internal sealed record HttpAnswer(HttpStatusCode Status, string Line, string Body)
{
    /// <summary>The status line and up to 200 characters of the body, for the record.</summary>
    public string Describe() => Body.Length == 0 ? Line : $"{Line}: {HttpDelivery.Snippet(Body)}";
}
