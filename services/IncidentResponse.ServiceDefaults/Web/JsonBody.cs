using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace IncidentResponse.ServiceDefaults.Web;

/// <summary>A parsed body, its bytes, or the problem to answer with.</summary>
public sealed record JsonRead<T>(T? Value, byte[] Raw, IResult? Problem)
    where T : class;

/// <summary>
/// Reads a JSON request body so that every failure is a problem naming the field: malformed JSON,
/// a wrong type, a body over the size limit (413), or no JSON at all (415).
/// </summary>
public static class JsonBody
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        AllowTrailingCommas = false,
        MaxDepth = 32,
    };

    /// <summary>Reads and parses the body; <see cref="JsonRead{T}.Raw"/> keeps the bytes (e.g. to compare idempotent retries).</summary>
    public static async Task<JsonRead<T>> ReadJsonAsync<T>(this HttpRequest request)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
        {
            return new(null, [], Problems.Status(StatusCodes.Status415UnsupportedMediaType,
                "Cần JSON / JSON required", "Content-Type must be application/json"));
        }

        byte[] raw;
        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
            raw = buffer.ToArray();
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new(null, [], Problems.Status(StatusCodes.Status413PayloadTooLarge,
                "Yêu cầu quá lớn / Request too large", "The body is larger than this endpoint accepts"));
        }

        try
        {
            var value = raw.Length == 0 ? null : JsonSerializer.Deserialize<T>(raw, Options);
            return value is null
                ? new(null, raw, Problems.Validation("$", "Thân yêu cầu trống / the request body is empty"))
                : new(value, raw, null);
        }
        catch (JsonException ex)
        {
            return new(null, raw, Problems.Validation(FieldOf(ex.Path), $"JSON không hợp lệ hoặc sai kiểu / malformed JSON or wrong type: {Describe(ex)}"));
        }
    }

    /// <summary><c>$.affectedSystem.ips[2]</c> becomes <c>affectedSystem.ips[2]</c>.</summary>
    internal static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    private static string Describe(JsonException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
