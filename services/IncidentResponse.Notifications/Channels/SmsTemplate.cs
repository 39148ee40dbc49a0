using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace IncidentResponse.Notifications.Channels;

/// <summary>Fills the gateway's body template in one pass, so a value that contains a placeholder stays literal.</summary>
internal static class SmsTemplate
{
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);

    public static string Fill(string template, string to, string text, string id)
    {
        var filled = new StringBuilder(template.Length + text.Length + 64);
        var i = 0;
        while (i < template.Length)
        {
            var (placeholder, value) = template[i] == '{' ? Match(template.AsSpan(i), to, text, id) : (0, null);
            if (value is null)
            {
                filled.Append(template[i]);
                i++;
                continue;
            }

            filled.Append(JsonEncodedText.Encode(value, Encoder).ToString());
            i += placeholder;
        }

        return filled.ToString();
    }

    private static (int Length, string? Value) Match(ReadOnlySpan<char> rest, string to, string text, string id) =>
        rest.StartsWith("{to}", StringComparison.Ordinal) ? (4, to)
        : rest.StartsWith("{text}", StringComparison.Ordinal) ? (6, text)
        : rest.StartsWith("{id}", StringComparison.Ordinal) ? (4, id)
        : (0, null);
}
