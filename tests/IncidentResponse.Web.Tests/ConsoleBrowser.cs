using System.Net;
using System.Text.RegularExpressions;

namespace IncidentResponse.Web.Tests;

/// <summary>
/// A browser without a screen: keeps cookies, does not follow redirects, and posts forms with the
/// anti-forgery token of the last page it read, like a person's browser would.
/// </summary>
public sealed partial class ConsoleBrowser : IDisposable
{
    private readonly HttpClient http;

    public ConsoleBrowser(Uri baseAddress)
    {
        Cookies = new CookieContainer();
        http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false, UseCookies = true })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public CookieContainer Cookies { get; }

    public HttpClient Http => http;

    /// <summary>The anti-forgery token of the last page read.</summary>
    public string? Token { get; private set; }

    public async Task<Page> GetAsync(string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        var page = await Page.ReadAsync(response);
        Token = TokenPattern().Match(page.Html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : Token;
        return page;
    }

    /// <summary>Posts a form; the anti-forgery token of the last page is added unless <paramref name="withToken"/> is false.</summary>
    public async Task<Page> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, bool withToken = true)
    {
        var all = fields.ToList();
        if (withToken && Token is not null)
        {
            all.Add(new("__RequestVerificationToken", Token));
        }

        using var content = new FormUrlEncodedContent(all);
        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), content);
        return await Page.ReadAsync(response);
    }

    /// <summary>Posts a form with a file, as a browser posts <c>enctype="multipart/form-data"</c>, with the last page's anti-forgery token.</summary>
    public async Task<Page> PostFileAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, string fileField, string fileName, byte[] file)
    {
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        if (Token is not null)
        {
            content.Add(new StringContent(Token), "__RequestVerificationToken");
        }

        content.Add(new ByteArrayContent(file), fileField, fileName);
        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), content);
        return await Page.ReadAsync(response);
    }

    /// <summary>Opens the login page and signs in; the answer to the POST.</summary>
    public async Task<Page> LoginAsync(string login, string password)
    {
        await GetAsync("/login");
        return await PostAsync("/login", [new("Input.Email", login), new("Input.Password", password)]);
    }

    public void Dispose() => http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

public sealed record Page(HttpStatusCode Status, string Html, Uri? Location, IReadOnlyDictionary<string, string> Headers)
{
    public static async Task<Page> ReadAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        return new Page(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location, headers);
    }
}
