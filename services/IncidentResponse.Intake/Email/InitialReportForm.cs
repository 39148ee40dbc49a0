using System.Globalization;
using System.Text;
using IncidentResponse.Intake.Reports;

namespace IncidentResponse.Intake.Email;

/// <summary>
/// Reads the fields of the legal initial report (Mẫu 03) from the text of a "[TBSC]" e-mail, where
/// they come as "Label: value" lines, Vietnamese or English, with or without diacritics. What it
/// does not recognise stays in the description; nothing here is required.
/// </summary>
public static class InitialReportForm
{
    private static readonly (string Field, string[] Labels)[] Fields =
    [
        ("system", ["ten he thong", "he thong", "system name", "system"]),
        ("ownerAgency", ["co quan chu quan", "don vi chu quan", "chu quan", "owner agency", "owner"]),
        ("operator", ["don vi van hanh", "van hanh", "operator"]),
        ("securityLevel", ["cap do", "cap do he thong", "security level", "level"]),
        ("isp", ["nha cung cap dich vu ket noi", "nha cung cap ket noi", "isp", "connectivity provider"]),
        ("securityProvider", ["nha cung cap dich vu an toan thong tin", "security service provider", "security provider"]),
        ("domains", ["ten mien", "domain", "domains"]),
        ("ips", ["dia chi ip", "ip", "ips", "public ip", "public ips"]),
        ("detectedAt", ["thoi diem phat hien", "thoi gian phat hien", "ngay gio phat hien", "detected at", "detection time"]),
        ("phone", ["so dien thoai", "dien thoai", "phone"]),
        ("organization", ["don vi bao cao", "to chuc", "co quan", "organization"]),
        ("classification", ["phan loai", "classification"]),
    ];

    private static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    /// <summary>The recognised fields by name (<c>system</c>, <c>ips</c>, …), the first occurrence of each.</summary>
    public static IReadOnlyDictionary<string, string> Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim().TrimStart('-', '*', '•', ' ');
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon > 60)
            {
                continue;
            }

            var label = Fold(line[..colon]);
            var value = line[(colon + 1)..].Trim();
            if (value.Length == 0)
            {
                continue;
            }

            foreach (var (field, labels) in Fields)
            {
                if (!found.ContainsKey(field) && labels.Contains(label, StringComparer.Ordinal))
                {
                    found[field] = value;
                    break;
                }
            }
        }

        return found;
    }

    /// <summary>
    /// A detection time as people write it: dd/MM/yyyy HH:mm (and the like) in Vietnam's time becomes
    /// ISO 8601; anything else is passed on for <see cref="ReportValidation"/> to accept or refuse.
    /// </summary>
    public static string DetectedAt(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string[] local = ["d/M/yyyy H:mm", "d/M/yyyy H:mm:ss", "H:mm d/M/yyyy", "H'h'mm d/M/yyyy", "H'h'mm 'ngày' d/M/yyyy", "H:mm 'ngày' d/M/yyyy"];
        return DateTime.TryParseExact(value, local, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? new DateTimeOffset(at, VietnamOffset).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture)
            : value.Trim();
    }

    /// <summary>Comma-, semicolon- or space-separated values.</summary>
    public static List<string?> Items(string value) =>
        [.. value.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(ReportValidation.MaxItems)];

    /// <summary>Lower case, no diacritics, đ as d, single spaces.</summary>
    public static string Fold(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var text = new StringBuilder(label.Length);
        foreach (var c in label.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            text.Append(c switch { 'đ' or 'Đ' => 'd', _ => char.ToLowerInvariant(c) });
        }

        return string.Join(' ', text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
