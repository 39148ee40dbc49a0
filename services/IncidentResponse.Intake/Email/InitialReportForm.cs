using System.Globalization;
using IncidentResponse.Intake.Reports;
using IncidentResponse.ServiceDefaults.Text;

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
        ("reporterName", ["nguoi bao cao", "ho ten nguoi bao cao", "ho va ten", "ho ten", "reporter", "reporter name"]),
        ("address", ["dia chi", "dia chi lien he", "address"]),
        ("contactName", ["nguoi lien he", "ho ten nguoi lien he", "nguoi lien lac", "contact", "contact person", "contact name"]),
        ("contactPosition", ["chuc vu", "chuc vu nguoi lien he", "position"]),
        ("contactPhone", ["dien thoai nguoi lien he", "dien thoai lien he", "contact phone"]),
        ("contactEmail", ["thu dien tu nguoi lien he", "email nguoi lien he", "email lien he", "contact email"]),
        ("currentStatus", ["hien trang", "tinh trang hien tai", "tinh trang", "current status", "status"]),
        ("detectionMethod", ["cach thuc phat hien", "cach phat hien", "phuong thuc phat hien", "how detected", "detection method"]),
        ("alreadyNotified", ["da thong bao cho", "da thong bao", "da bao cho", "already notified", "notified"]),
        ("serviceInterrupted", ["gian doan dich vu", "dich vu bi gian doan", "service interrupted", "service interruption"]),
        ("ownerCanHandle", ["co kha nang tu xu ly", "kha nang tu xu ly", "tu xu ly duoc", "co the tu xu ly", "don vi chu quan tu xu ly duoc", "chu quan tu xu ly duoc", "owner can handle"]),
        ("beyondCapacity", ["vuot kha nang xu ly", "vuot qua kha nang xu ly", "beyond capacity", "beyond the owner's capacity"]),
        ("personalData", ["du lieu ca nhan", "lien quan du lieu ca nhan", "co lien quan den du lieu ca nhan", "lien quan den du lieu ca nhan", "personal data"]),
        ("nationalSecurity", ["an ninh quoc gia, trat tu an toan xa hoi", "an ninh quoc gia", "phuong hai an ninh quoc gia, trat tu an toan xa hoi", "co the gay phuong hai an ninh quoc gia, trat tu an toan xa hoi", "national security or public order", "national security"]),
        ("stateSecrets", ["bi mat nha nuoc", "lo bi mat nha nuoc", "co kha nang lo bi mat nha nuoc", "co the lo bi mat nha nuoc", "state secrets", "possible disclosure of state secrets", "state secrets may have been disclosed"]),
        ("maySpread", ["lan rong", "co kha nang lan rong", "co the lan rong", "co kha nang lan rong sang he thong khac",
            "co kha nang lan rong sang he thong cap do 4, 5 khac", "co kha nang lan rong sang cac he thong cap do 4, cap do 5 khac", "may spread", "likely to spread",
            "likely to spread to other level 4–5 systems", "likely to spread to other level 4-5 systems"]),
        ("operatingSystem", ["he dieu hanh", "he dieu hanh va phien ban", "operating system", "os"]),
        ("services", ["dich vu", "cac dich vu", "dich vu su dung", "services"]),
        ("measuresInPlace", ["bien phap an toan thong tin da trien khai", "cac bien phap an toan thong tin da trien khai", "bien phap bao dam an toan", "measures in place"]),
        ("purpose", ["muc dich", "muc dich su dung", "muc dich cua he thong", "purpose"]),
        ("recommendations", ["kien nghi", "de xuat", "kien nghi, de xuat", "recommendations"]),
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
            // Labels are short, but the policy's own words for a consequence run to about 65 characters (more in decomposed Unicode).
            if (colon <= 0 || colon > 100)
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

    /// <summary>Comma- or semicolon-separated names (units, measures, services), each kept whole.</summary>
    public static List<string?> Names(string value) =>
        [.. value.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(ReportValidation.MaxItems)];

    /// <summary>Comma-, semicolon- or space-separated values.</summary>
    public static List<string?> Items(string value) =>
        [.. value.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(ReportValidation.MaxItems)];

    /// <summary>Lower case, no diacritics, đ as d, single spaces.</summary>
    public static string Fold(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        return string.Join(' ', VietnameseText.WithoutMarks(label).ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
