using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace IncidentResponse.ServiceDefaults.Web;

/// <summary>
/// Refuses, with a 400 naming the field, a request whose text holds the NUL character (U+0000): PostgreSQL
/// cannot store it in any text column, so it would otherwise fail deep inside a transaction as a 500 (or, in
/// a consumer, as a message that can never be applied). Looks at the path, the query, form fields and JSON
/// string values (and names); other control characters are stored as given. A body declared larger than its route
/// allows is not read here: whoever reads it refuses it (Kestrel with a 413; the evidence register naming its field).
/// A route that takes a larger body says so as endpoint metadata (<c>IRequestSizeLimitMetadata</c>), which routing applies
/// before this guard reads: a limit raised inside an endpoint would come after the guard had read under the old one.
/// </summary>
public static class NulCharacterGuard
{
    private static readonly byte[] EscapedNul = "\\u0000"u8.ToArray();

    public static IApplicationBuilder UseNulCharacterGuard(this IApplicationBuilder app) =>
        app.Use(static async (context, next) =>
        {
            if (await FindAsync(context.Request, context.RequestAborted) is { } field)
            {
                await Problems.Validation(field,
                        "Không được chứa ký tự NUL (U+0000) / must not contain the NUL character (U+0000)")
                    .ExecuteAsync(context);
                return;
            }

            await next(context);
        });

    /// <summary>The name of the first field holding a NUL character; null when there is none.</summary>
    public static async Task<string?> FindAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Path.Value?.Contains('\0', StringComparison.Ordinal) == true)
        {
            return "path";
        }

        foreach (var (name, values) in request.Query)
        {
            if (name.Contains('\0', StringComparison.Ordinal) || values.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true))
            {
                return name.Replace("\0", string.Empty, StringComparison.Ordinal);
            }
        }

        if (request.ContentLength is { } length && request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } limit && length > limit)
        {
            return null;
        }

        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(cancellationToken);
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                // Malformed, cut off or over its limit (BadHttpRequestException is an IOException): nothing in it can be
                // read, here or later, so no NUL gets through; whoever reads it next answers (a 400 or 413 naming the field).
                return null;
            }

            foreach (var (name, values) in form)
            {
                if (name.Contains('\0', StringComparison.Ordinal) || values.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true))
                {
                    return name.Replace("\0", string.Empty, StringComparison.Ordinal);
                }
            }

            return null;
        }

        return IsJson(request) ? await FindInJsonAsync(request, cancellationToken) : null;
    }

    private static bool IsJson(HttpRequest request) =>
        request.ContentType is { } type
        && (type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || type.Contains("+json", StringComparison.OrdinalIgnoreCase));

    private static async Task<string?> FindInJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy, cancellationToken);
        request.Body.Position = 0;
        var body = copy.GetBuffer().AsMemory(0, (int)copy.Length);
        // JSON can only carry NUL escaped; most bodies are passed over with this one search.
        return body.Span.IndexOf(EscapedNul) < 0 ? null : FieldWithNul(body.Span);
    }

    /// <summary>Walks the document; returns the path (<c>affectedSystem.name</c>, <c>observables[2].value</c>) of the first string holding NUL.</summary>
    private static string? FieldWithNul(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var containers = new List<Container>();
        string? property = null;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    property = reader.GetString();
                    if (property?.Contains('\0', StringComparison.Ordinal) == true)
                    {
                        return Describe(containers, property.Replace("\0", string.Empty, StringComparison.Ordinal));
                    }

                    continue;
                }

                if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    containers.RemoveAt(containers.Count - 1);
                    property = null;
                    continue;
                }

                if (containers.Count > 0 && containers[^1].IsArray)
                {
                    containers[^1].Index++;
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    containers.Add(new Container(property, reader.TokenType == JsonTokenType.StartArray));
                }
                else if (reader.TokenType == JsonTokenType.String && reader.GetString()?.Contains('\0', StringComparison.Ordinal) == true)
                {
                    return Describe(containers, property);
                }

                property = null;
            }
        }
        catch (JsonException)
        {
            return null; // not JSON after all: the endpoint's own binding answers that
        }

        return null;
    }

    private static string Describe(List<Container> containers, string? last)
    {
        var text = new StringBuilder();
        foreach (var container in containers)
        {
            Append(text, container.Name);
            if (container.IsArray)
            {
                text.Append('[').Append(container.Index).Append(']');
            }
        }

        Append(text, last);
        return text.Length == 0 ? "body" : text.ToString();
    }

    private static void Append(StringBuilder text, string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return;
        }

        if (text.Length > 0)
        {
            text.Append('.');
        }

        text.Append(name);
    }

    private sealed class Container(string? name, bool isArray)
    {
        public string? Name { get; } = name;

        public bool IsArray { get; } = isArray;

        /// <summary>In an array, the element being read (-1 before the first).</summary>
        public int Index { get; set; } = -1;
    }
}
