namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// What the voice gateway reads out, in the recipient's language (Vietnamese unless they asked for English): the incident
/// number, its severity, the title only where the disclosure policy lets the voice channel carry it and the TLP is not
/// strict (a call can be overheard), and the key to press. It is said twice, so a half-awake listener hears it whole.
/// </summary>
internal static class VoiceText
{
    public static string Compose(Notice notice, Recipient recipient)
    {
        notice = ChatText.Allowed(notice);
        var english = recipient.PrefersEnglish;
        var number = Spoken(notice.IncidentNumber);
        var title = notice.Withheld || string.IsNullOrWhiteSpace(notice.Title) ? null : NoticeFormat.OneLine(notice.Title);
        var drill = notice.Drill ? (english ? "This is an exercise. " : "Đây là diễn tập. ") : string.Empty;
        var serious = notice.Serious ? (english ? " Serious incident." : " Sự cố nghiêm trọng.")
            : notice.SeriousUndetermined is true ? (english ? " Possibly a serious incident." : " Có thể là sự cố nghiêm trọng.") : string.Empty;
        var once = english
            ? $"{drill}Cybersecurity incident notice for {notice.UnitNameEn}. Incident {number}, {NoticeFormat.Severity(notice.SeverityLevel, true)}.{serious}"
                + (title is null ? string.Empty : $" {title}.")
                + " Press 1 to acknowledge receipt."
            : $"{drill}Thông báo sự cố an toàn thông tin mạng gửi {notice.UnitNameVi}. Sự cố số {number}, {NoticeFormat.Severity(notice.SeverityLevel, false)}.{serious}"
                + (title is null ? string.Empty : $" {title}.")
                + " Bấm phím 1 để xác nhận đã nhận thông báo.";
        return $"{once} {(english ? "Again:" : "Xin nhắc lại:")} {once}";
    }

    /// <summary>The incident number with its digits spaced, so text-to-speech reads them one by one: SC-2026-00042 → "SC 2 0 2 6 0 0 0 4 2".</summary>
    private static string Spoken(string number) =>
        string.Join(' ', number.Replace('-', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.All(char.IsAsciiDigit) ? string.Join(' ', part.ToCharArray()) : part));
}
