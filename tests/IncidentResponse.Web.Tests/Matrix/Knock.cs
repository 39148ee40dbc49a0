using System.Net.Http.Headers;
using System.Text;

namespace IncidentResponse.Web.Tests.Matrix;

/// <summary>One request at one door, and its answer in the matrix's words.</summary>
internal static class Knock
{
    /// <summary>
    /// <c>ok</c> 2xx; <c>in</c> the door opened and the request was judged on its merits (400, 409, 410, 413, 415, 422);
    /// <c>401</c>, <c>403</c>, <c>404</c>, <c>429</c>; <c>login</c> or <c>denied</c> a redirect to that page; <c>500</c> any 5xx.
    /// </summary>
    public static string Word(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        return status switch
        {
            >= 200 and < 300 => "ok",
            >= 300 and < 400 when response.Headers.Location?.OriginalString is { } to =>
                to.Contains("/login", StringComparison.OrdinalIgnoreCase) ? "login"
                : to.Contains("/denied", StringComparison.OrdinalIgnoreCase) ? "denied"
                : "ok",
            401 or 403 or 404 or 429 => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
            >= 500 => "500",
            _ => "in",
        };
    }

    /// <summary>Whether an answer is what a cell expects: <c>in</c> also admits 2xx and 404 (an unknown id behind an open door).</summary>
    public static bool Meets(string expected, string actual) =>
        expected == actual || (expected == "in" && actual is "ok" or "404");

    public static async Task<string> AtAsync(HttpClient http, string method, string path, string? bearer)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (method is "POST" or "PUT" or "PATCH")
        {
            // Unreadable JSON: an open door refuses it with 400 and changes nothing.
            request.Content = new StringContent("{", Encoding.UTF8, "application/json");
        }

        // Headers only: the board's event stream never ends.
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return Word(response);
    }
}
