using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace IncidentResponse.Notifications.Channels;

/// <summary>Fills a gateway's body template (SMS, voice) in one pass, so a value that contains a placeholder stays literal.</summary>
internal static class SmsTemplate
{
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);

    public static string Fill(string template, string to, string text, string id) =>
        Fill(template, new Dictionary<string, string>(StringComparer.Ordinal) { ["to"] = to, ["text"] = text, ["id"] = id });

    /// <summary>Fills <c>{name}</c> placeholders with the JSON-escaped values; other braces stay as written.</summary>
    public static string Fill(string template, IReadOnlyDictionary<string, string> values)
    {
        var filled = new StringBuilder(template.Length + values.Values.Sum(v => v.Length) + 64);
        var i = 0;
        while (i < template.Length)
        {
            var (placeholder, value) = template[i] == '{' ? Match(template.AsSpan(i), values) : (0, null);
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

    private static (int Length, string? Value) Match(ReadOnlySpan<char> rest, IReadOnlyDictionary<string, string> values)
    {
        var end = rest.IndexOf('}');
        return end > 1 && values.TryGetValue(rest[1..end].ToString(), out var value) ? (end + 1, value) : (0, null);
    }
}
