using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using IncidentResponse.Access.ConsoleTokens;
using Microsoft.AspNetCore.Http;

namespace IncidentResponse.Web.Console;

/// <summary>
/// How pages read and act: the public JSON API (<c>/api/v1/…</c>), called as the signed-in person
/// with a short-lived console token, so the API's roles, unit scoping and TLP rules are the one
/// place of enforcement. Paths are relative to the API's base (<c>Web:ApiBaseUrl</c>, default this Host).
/// </summary>
public sealed class ConsoleApi(HttpClient http, ConsoleApiAddress address, ConsoleTokenService tokens, IHttpContextAccessor accessor)
{
    /// <summary>The API's JSON: camelCase, enums as strings.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private string? token;

    public Task<ApiResult<T>> GetAsync<T>(string path, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Get, path, null, cancellationToken);

    public Task<ApiResult<T>> PostAsync<T>(string path, object? body, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Post, path, body, cancellationToken);

    /// <summary>A POST that is safe to repeat: the API answers a repeat of <paramref name="idempotencyKey"/> with the first outcome.</summary>
    public Task<ApiResult<T>> PostOnceAsync<T>(string path, object? body, string? idempotencyKey, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Post, path, body, cancellationToken, idempotencyKey);

    /// <summary>A multipart upload (a file with its fields), safe to repeat under <paramref name="idempotencyKey"/>.</summary>
    public Task<ApiResult<T>> PostMultipartAsync<T>(string path, MultipartFormDataContent content, string? idempotencyKey, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Post, path, null, cancellationToken, idempotencyKey, content);

    public Task<ApiResult<T>> PutAsync<T>(string path, object? body, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Put, path, body, cancellationToken);

    public Task<ApiResult<T>> DeleteAsync<T>(string path, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Delete, path, null, cancellationToken);

    /// <summary>A raw call (e.g. a calendar file), authenticated as the person; the caller disposes the response.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken = default) =>
        SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);

    /// <summary>A raw call; with <see cref="HttpCompletionOption.ResponseHeadersRead"/> the body is read as it comes (a large export).</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri is { IsAbsoluteUri: false } relative)
        {
            request.RequestUri = new Uri(address.BaseAddress, relative.OriginalString.TrimStart('/'));
        }

        var bearer = token ??= tokens.IssueFor(accessor.HttpContext?.User ?? new())
            ?? throw new InvalidOperationException("ConsoleApi needs a person signed in with the console's cookie");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return await http.SendAsync(request, completion, cancellationToken);
    }

    private async Task<ApiResult<T>> SendAsync<T>(
        HttpMethod method, string path, object? body, CancellationToken cancellationToken, string? idempotencyKey = null, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path.TrimStart('/'), UriKind.Relative));
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }
        else if (content is not null)
        {
            // Asks before sending the file: an API that refuses it at once (too large) answers instead of resetting the connection.
            request.Content = content;
            request.Headers.ExpectContinue = true;
        }

        using var response = await SendAsync(request, cancellationToken);
        var status = response.StatusCode;
        var hasBody = response.Content.Headers.ContentLength is not 0 && status != HttpStatusCode.NoContent;
        if (response.IsSuccessStatusCode)
        {
            var value = hasBody && response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true
                ? await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
                : default;
            return new ApiResult<T>(status, value, null, response.Headers.Location);
        }

        ApiProblem? problem = null;
        if (hasBody && response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                problem = await response.Content.ReadFromJsonAsync<ApiProblem>(Json, cancellationToken);
            }
            catch (JsonException)
            {
                problem = null;
            }
        }

        return new ApiResult<T>(status, default, problem ?? new ApiProblem { Status = (int)status, Title = response.ReasonPhrase });
    }
}

/// <summary>An API answer: the value on success, the problem (RFC 7807) otherwise.</summary>
public sealed record ApiResult<T>(HttpStatusCode Status, T? Value, ApiProblem? Problem, Uri? Location = null)
{
    public bool Ok => (int)Status is >= 200 and < 300;
}

/// <summary>An RFC 7807 problem as the API writes it, with the fields at fault.</summary>
public sealed record ApiProblem
{
    public string? Type { get; init; }

    public string? Title { get; init; }

    public string? Detail { get; init; }

    public int? Status { get; init; }

    public Dictionary<string, string[]>? Errors { get; init; }
}
