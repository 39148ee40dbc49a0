using System.Text;
using IncidentResponse.ServiceDefaults.Text;

namespace IncidentResponse.Notifications.Partners;

/// <summary>
/// How names typed by people are compared with the directory: case, diacritics (đ = d), punctuation and spacing
/// do not matter, so "Văn phòng UBND tỉnh", "van phong ubnd tinh" and "VĂN PHÒNG UBND TỈNH." are one name.
/// </summary>
public static class NameKey
{
    public static string Of(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return string.Empty;
        }

        var key = new StringBuilder(name.Length);
        var space = false;
        foreach (var c in VietnameseText.WithoutMarks(name))
        {
            if (char.IsLetterOrDigit(c) || c == '&')
            {
                if (space && key.Length > 0)
                {
                    key.Append(' ');
                }

                key.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else
            {
                space = true;
            }
        }

        return key.ToString();
    }

    /// <summary>True when <paramref name="text"/> is <paramref name="name"/> or begins with it as whole words ("VNPT Bắc Ninh" begins with "VNPT").</summary>
    public static bool StartsWithName(string text, string name)
    {
        var (t, n) = (Of(text), Of(name));
        return n.Length > 0 && (t == n || t.StartsWith(n + " ", StringComparison.Ordinal));
    }
}
