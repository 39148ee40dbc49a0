namespace IncidentResponse.Triage.Incidents;

/// <summary>
/// The checks of a "submitted" record that an incident's duty and a periodic report share: how it went (channel), which
/// version, to whom and a note, each within its column. One place, so the two say the same and cannot drift apart.
/// </summary>
public static class SubmissionChecks
{
    public const int MaxNote = 2000;
    public const int MaxChannel = 50;
    public const int MaxDocumentVersion = 200;
    public const int MaxRecipients = 500;

    /// <summary>The problems of the fields given, by their JSON name; empty when they may be stored.</summary>
    public static Dictionary<string, string[]> Errors(string? note, string? channel, string? documentVersion, IReadOnlyList<string>? recipients)
    {
        var errors = new Dictionary<string, string[]>();
        if (note?.Trim() is { Length: > MaxNote })
        {
            errors["note"] = [$"Tối đa {MaxNote} ký tự / at most {MaxNote} characters"];
        }

        if (channel?.Trim() is { Length: > MaxChannel })
        {
            errors["channel"] = [$"Tối đa {MaxChannel} ký tự / at most {MaxChannel} characters"];
        }

        if (documentVersion?.Trim() is { Length: > MaxDocumentVersion })
        {
            errors["documentVersion"] = [$"Tối đa {MaxDocumentVersion} ký tự / at most {MaxDocumentVersion} characters"];
        }

        if (recipients is { } to && (to.Any(string.IsNullOrWhiteSpace) || string.Join(',', to).Length > MaxRecipients))
        {
            errors["recipients"] = [$"Danh sách người nhận, tối đa {MaxRecipients} ký tự / a list of recipients, at most {MaxRecipients} characters"];
        }

        return errors;
    }
}
