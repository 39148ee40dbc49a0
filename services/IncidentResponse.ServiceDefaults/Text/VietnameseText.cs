using System.Globalization;
using System.Text;

namespace IncidentResponse.ServiceDefaults.Text;

/// <summary>Vietnamese text without its marks, for comparing what people type and for channels that take ASCII only.</summary>
public static class VietnameseText
{
    /// <summary>
    /// <paramref name="text"/> with every combining mark dropped and đ/Đ as d/D, case kept ("Đồng Nai" → "Dong Nai"); one
    /// character for each precomposed Vietnamese letter (a letter of some other scripts, Hangul, decomposes into several).
    /// </summary>
    public static string WithoutMarks(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var plain = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                plain.Append(c switch { 'đ' => 'd', 'Đ' => 'D', _ => c });
            }
        }

        return plain.ToString();
    }
}
