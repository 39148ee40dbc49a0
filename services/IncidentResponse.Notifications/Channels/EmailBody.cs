using System.Text;

namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// The text and HTML bodies of a notice e-mail: a TLP banner, the recipient's language first, then the
/// other language. Both bodies render the same <see cref="NoticeContent"/> lines.
/// </summary>
internal static class EmailBody
{
    public static string Text(Notice notice, Recipient recipient)
    {
        var label = TlpText.Label(notice.Tlp);
        var english = recipient.PrefersEnglish;
        var text = new StringBuilder();
        if (notice.Drill)
        {
            text.Append(NoticeFormat.DrillLine).Append("\n\n");
        }

        text.Append("TLP:").Append(label).Append(" — ").Append(TlpText.Meaning(label, english))
            .Append(" / ").Append(TlpText.Meaning(label, !english)).Append('\n');
        text.Append('\n');
        foreach (var inEnglish in new[] { english, !english })
        {
            if (inEnglish != english)
            {
                text.Append("\n----------------------------------------\n")
                    .Append(inEnglish ? "English version" : "Bản tiếng Việt").Append("\n\n");
            }

            text.Append(NoticeFormat.Heading(notice.Kind, inEnglish)).Append("\n\n");
            foreach (var line in NoticeContent.Lines(notice, recipient, inEnglish))
            {
                text.Append(line.PlainText).Append('\n');
            }
        }

        text.Append('\n').Append(Footer(english)).Append('\n');
        return text.ToString();
    }

    public static string Html(Notice notice, Recipient recipient, string subject)
    {
        var label = TlpText.Label(notice.Tlp);
        var english = recipient.PrefersEnglish;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(english ? "en" : "vi").Append("\">\n<head><meta charset=\"utf-8\"><title>")
            .Append(Encode(subject)).Append("</title></head>\n<body style=\"font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#222\">\n");
        if (notice.Drill)
        {
            html.Append("<div style=\"background:#6A1B9A;color:#FFFFFF;padding:10px 14px;font-weight:bold;font-size:16px\">")
                .Append(Encode(NoticeFormat.DrillLine)).Append("</div>\n");
        }

        html.Append("<div style=\"background:#000000;color:").Append(TlpText.Colour(label))
            .Append(";padding:10px 14px;font-weight:bold;font-size:16px\">TLP:").Append(Encode(label)).Append(" — ")
            .Append(Encode(TlpText.Meaning(label, english))).Append("<br><span style=\"font-weight:normal;font-size:13px\">")
            .Append(Encode(TlpText.Meaning(label, !english))).Append("</span></div>\n");
        foreach (var inEnglish in new[] { english, !english })
        {
            if (inEnglish != english)
            {
                html.Append("<hr>\n");
            }

            html.Append("<div lang=\"").Append(inEnglish ? "en" : "vi").Append("\">\n<h2 style=\"font-size:17px\">")
                .Append(Encode(NoticeFormat.Heading(notice.Kind, inEnglish))).Append("</h2>\n<table style=\"border-collapse:collapse\">\n");
            foreach (var line in NoticeContent.Lines(notice, recipient, inEnglish))
            {
                AppendRow(html, line);
            }

            html.Append("</table>\n</div>\n");
        }

        html.Append("<p style=\"color:#666;font-size:12px\">").Append(Encode(Footer(english))).Append("</p>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendRow(StringBuilder html, NoticeLine line)
    {
        if (line.Label.Length == 0)
        {
            html.Append("<tr><td colspan=\"2\" style=\"padding:4px 0;color:#CC0033;font-weight:bold\">").Append(Encode(line.Value)).Append("</td></tr>\n");
            return;
        }

        html.Append("<tr><th style=\"text-align:left;vertical-align:top;padding:3px 12px 3px 0\">").Append(Encode(line.Label))
            .Append("</th><td style=\"padding:3px 0\">");
        if (line.Link is { } link)
        {
            var href = Encode(link.AbsoluteUri);
            html.Append("<a href=\"").Append(href).Append("\">").Append(href).Append("</a>").Append(Encode(line.After ?? string.Empty));
        }
        else
        {
            html.Append(Encode(line.Value));
        }

        html.Append("</td></tr>\n");
    }

    private static string Footer(bool english) => english
        ? "Automated message from the incident response system; please do not reply. / Thư tự động từ hệ thống ứng cứu sự cố; vui lòng không trả lời thư này."
        : "Thư tự động từ hệ thống ứng cứu sự cố; vui lòng không trả lời thư này. / Automated message from the incident response system; please do not reply.";

    /// <summary>Escapes the five HTML-significant characters and leaves Vietnamese letters as they are (the part is UTF-8).</summary>
    public static string Encode(string value)
    {
        var encoded = new StringBuilder(value.Length + 16);
        foreach (var c in value)
        {
            _ = c switch
            {
                '&' => encoded.Append("&amp;"),
                '<' => encoded.Append("&lt;"),
                '>' => encoded.Append("&gt;"),
                '"' => encoded.Append("&quot;"),
                '\'' => encoded.Append("&#39;"),
                _ => encoded.Append(c),
            };
        }

        return encoded.ToString();
    }
}
