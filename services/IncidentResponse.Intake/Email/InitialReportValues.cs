using IncidentResponse.Contracts.Vocabulary;

namespace IncidentResponse.Intake.Email;

/// <summary>
/// The answers of an e-mailed Mẫu 03 as people write them (with or without diacritics, or a ticked box among the
/// choices): yes/no, the status "Hiện trạng: Đã được xử lý / Chưa được xử lý" and "Cách thức phát hiện". An answer
/// that cannot be read is unknown (null), never a guess.
/// </summary>
public static class InitialReportValues
{
    private static readonly string[] Marks = ["[x]", "(x)", "☒", "☑", "✓", "✔", "■", "x]"];

    /// <summary>Có / Không, Yes / No; null for anything else ("chưa rõ", "chưa xác định").</summary>
    public static bool? YesNo(string value)
    {
        var answer = Chosen(value);
        return answer switch
        {
            _ when Starts(answer, "khong", "no", "false", "0") => false,
            _ when Starts(answer, "co", "yes", "true", "1") => true,
            _ => null,
        };
    }

    /// <summary><c>handled</c> ("Đã được xử lý", "Đã xử lý"), <c>not-handled</c> ("Chưa được xử lý", "Chưa xử lý"), or null.</summary>
    public static string? Status(string value)
    {
        var answer = Chosen(value);
        return answer switch
        {
            _ when Starts(answer, "chua", "not handled", "not-handled", "not yet") => "not-handled",
            _ when Starts(answer, "da", "handled") => "handled",
            _ => null,
        };
    }

    /// <summary>The form's choices (IDS, logs, notified by …, other) as <see cref="DetectionMethods"/>; other for a text of its own.</summary>
    public static string DetectionMethod(string value)
    {
        var answer = Chosen(value);
        return answer switch
        {
            _ when answer.Contains("ids", StringComparison.Ordinal) || answer.Contains("phat hien xam nhap", StringComparison.Ordinal) => DetectionMethods.Ids,
            _ when answer.Contains("nhat ky", StringComparison.Ordinal) || answer.Contains("log", StringComparison.Ordinal) => DetectionMethods.Logs,
            _ when answer.Contains("thong bao", StringComparison.Ordinal) || answer.Contains("notified", StringComparison.Ordinal) => DetectionMethods.Notified,
            _ when answer.Contains("giam sat", StringComparison.Ordinal) || answer.Contains("monitor", StringComparison.Ordinal) => DetectionMethods.Monitoring,
            _ => DetectionMethods.Other,
        };
    }

    /// <summary>The folded answer; where the line lists the choices with a ticked box, the text after the tick.</summary>
    private static string Chosen(string value)
    {
        var text = value.Trim();
        foreach (var mark in Marks)
        {
            var at = text.IndexOf(mark, StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
            {
                var rest = text[(at + mark.Length)..];
                var next = rest.IndexOfAny(['[', '(', '☐', '□']);
                text = next > 0 ? rest[..next] : rest;
                break;
            }
        }

        return InitialReportForm.Fold(text.Trim(' ', '.', ',', ';', ':', '-', '/'));
    }

    private static bool Starts(string answer, params string[] words) =>
        words.Any(w => answer == w || answer.StartsWith(w + " ", StringComparison.Ordinal) || answer.StartsWith(w + ",", StringComparison.Ordinal));
}
