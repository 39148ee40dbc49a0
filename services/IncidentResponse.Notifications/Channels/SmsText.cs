using System.Text;
using IncidentResponse.ServiceDefaults.Text;

namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// The short text of an SMS, in the recipient's language, at most <c>maxLength</c> characters. Under TLP:RED
/// and TLP:AMBER+STRICT (or an unknown label) only the incident number, severity and the acknowledgement
/// link and code are sent, whatever the notice carries: SMS passes through operators' systems. The
/// playbook link is added only when the whole text still fits.
/// </summary>
internal static class SmsText
{
    private const char Ellipsis = '…';

    public static string Compose(Notice notice, Recipient recipient, int maxLength)
    {
        if (notice.Drill)
        {
            // A drill is marked first, whatever else fits.
            var mark = NoticeFormat.DrillMark + " ";
            return mark + ComposeUnmarked(notice, recipient, maxLength - mark.Length);
        }

        return ComposeUnmarked(notice, recipient, maxLength);
    }

    private static string ComposeUnmarked(Notice notice, Recipient recipient, int maxLength)
    {
        var text = ComposeWithoutPlaybook(notice, recipient, maxLength);
        if (notice.PlaybookLink is { } playbook)
        {
            // The playbook only where it fits: the acknowledgement comes first.
            var withPlaybook = $"{text} {(recipient.PrefersEnglish ? "Playbook" : "Hướng dẫn")}: {playbook}";
            return withPlaybook.Length <= maxLength ? withPlaybook : text;
        }

        return text;
    }

    private static string ComposeWithoutPlaybook(Notice notice, Recipient recipient, int maxLength)
    {
        var english = recipient.PrefersEnglish;
        var label = TlpText.Label(notice.Tlp);
        var head = $"[TLP:{label}] {notice.IncidentNumber} {NoticeFormat.Severity(notice.SeverityLevel, english)}"
            // The legal flag in full: "Mức Nghiêm trọng cao, NGHIÊM TRỌNG" read as one scale said twice.
            + (notice.Serious ? ", " + NoticeFormat.Serious(english) : notice.SeriousUndetermined is true ? ", " + NoticeFormat.MaybeSerious(english) : string.Empty);
        if (notice.Kind == NoticeKind.Update && notice.Change is { IsEmpty: false } change)
        {
            // What changed is the point of an update; it says nothing the TLP withholds (severity and label only, a new class
            // only where the title may be shown), briefly, so the acknowledgement still fits.
            var namesAllowed = !TlpText.IsStrict(notice.Tlp) && !notice.Withheld;
            head = $"{(english ? "[UPDATE]" : "[CẬP NHẬT]")} {head}. {NoticeFormat.OneLine(string.Join("; ", change.Brief(english, namesAllowed)))}";
        }
        var ack = english
            ? $"Acknowledge: {notice.AcknowledgeLink} code {notice.AcknowledgeCode}"
            : $"Xác nhận: {notice.AcknowledgeLink} mã {notice.AcknowledgeCode}";
        var title = TlpText.IsStrict(notice.Tlp) || notice.Withheld || string.IsNullOrWhiteSpace(notice.Title)
            ? null
            : NoticeFormat.OneLine(notice.Title);

        var bare = $"{head}. {ack}";
        if (title is not null)
        {
            var room = maxLength - bare.Length - 2;
            if (room >= 12)
            {
                var shown = title.Length <= room ? title : title[..(room - 1)].TrimEnd() + Ellipsis;
                return $"{head}: {shown}. {ack}";
            }
        }

        if (bare.Length <= maxLength)
        {
            return bare;
        }

        // A very long link: keep the code, which is enough to acknowledge on the portal.
        var code = english ? $"Ack code {notice.AcknowledgeCode}. " : $"Mã xác nhận {notice.AcknowledgeCode}. ";
        var shortest = code + head;
        return shortest.Length <= maxLength ? shortest : shortest[..Math.Max(0, maxLength)];
    }

    /// <summary>
    /// <paramref name="text"/> in ASCII, one character for one for Vietnamese (the channel makes a title of another script plain
    /// before it is measured): Vietnamese letters without their
    /// marks (ệ → e, đ → d), the ellipsis a full stop, dashes and quotes their ASCII kin, anything else a question mark.
    /// </summary>
    public static string Unaccented(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var plain = new StringBuilder(text.Length);
        foreach (var c in VietnameseText.WithoutMarks(text))
        {
            plain.Append(c switch
            {
                Ellipsis => '.',
                '–' or '—' => '-',
                '“' or '”' or '«' or '»' => '"',
                '‘' or '’' => '\'',
                < '\u0080' => c,
                _ => '?',
            });
        }

        return plain.ToString();
    }
}
