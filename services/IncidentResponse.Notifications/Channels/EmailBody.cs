using System.Text;

namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// The text and HTML bodies of a notice e-mail: a TLP banner, the recipient's language first, then the
/// other language. Both bodies render the same <see cref="NoticeContent"/> lines.
/// </summary>
internal static class EmailBody
{
    public static string Text(Notice notice, Recipient recipient) => Text(notice, recipient, NoticeLines.Of(notice, recipient));

    /// <summary>The text body from lines already made (the HTML body renders the same ones).</summary>
    public static string Text(Notice notice, Recipient recipient, NoticeLines lines) => Builder.Return(WriteText(Builder.Rent(), notice, recipient, lines));

    /// <summary><see cref="Text(Notice, Recipient, NoticeLines)"/> as UTF-8, with no string between.</summary>
    public static byte[] TextUtf8(Notice notice, Recipient recipient, NoticeLines lines) => Builder.ReturnUtf8(WriteText(Builder.Rent(), notice, recipient, lines));

    private static StringBuilder WriteText(StringBuilder text, Notice notice, Recipient recipient, NoticeLines lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var label = TlpText.Label(notice.Tlp);
        var english = recipient.PrefersEnglish;
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
            foreach (var line in lines.In(inEnglish))
            {
                line.AppendPlainText(text).Append('\n');
            }
        }

        return text.Append('\n').Append(Footer(english)).Append('\n');
    }

    public static string Html(Notice notice, Recipient recipient, string subject) => Html(notice, recipient, subject, NoticeLines.Of(notice, recipient));

    /// <summary>The HTML body from lines already made (the text body renders the same ones).</summary>
    public static string Html(Notice notice, Recipient recipient, string subject, NoticeLines lines) =>
        Builder.Return(WriteHtml(Builder.Rent(), notice, recipient, subject, lines));

    /// <summary><see cref="Html(Notice, Recipient, string, NoticeLines)"/> as UTF-8, with no string between.</summary>
    public static byte[] HtmlUtf8(Notice notice, Recipient recipient, string subject, NoticeLines lines) =>
        Builder.ReturnUtf8(WriteHtml(Builder.Rent(), notice, recipient, subject, lines));

    private static StringBuilder WriteHtml(StringBuilder html, Notice notice, Recipient recipient, string subject, NoticeLines lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var label = TlpText.Label(notice.Tlp);
        var english = recipient.PrefersEnglish;
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(english ? "en" : "vi").Append("\">\n<head><meta charset=\"utf-8\"><title>");
        AppendEncoded(html, subject).Append("</title></head>\n<body style=\"font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#222\">\n");
        if (notice.Drill)
        {
            html.Append("<div style=\"background:#6A1B9A;color:#FFFFFF;padding:10px 14px;font-weight:bold;font-size:16px\">");
            AppendEncoded(html, NoticeFormat.DrillLine).Append("</div>\n");
        }

        html.Append("<div style=\"background:#000000;color:").Append(TlpText.Colour(label))
            .Append(";padding:10px 14px;font-weight:bold;font-size:16px\">TLP:");
        AppendEncoded(html, label).Append(" — ");
        AppendEncoded(html, TlpText.Meaning(label, english)).Append("<br><span style=\"font-weight:normal;font-size:13px\">");
        AppendEncoded(html, TlpText.Meaning(label, !english)).Append("</span></div>\n");
        foreach (var inEnglish in new[] { english, !english })
        {
            if (inEnglish != english)
            {
                html.Append("<hr>\n");
            }

            html.Append("<div lang=\"").Append(inEnglish ? "en" : "vi").Append("\">\n<h2 style=\"font-size:17px\">");
            AppendEncoded(html, NoticeFormat.Heading(notice.Kind, inEnglish)).Append("</h2>\n<table style=\"border-collapse:collapse\">\n");
            foreach (var line in lines.In(inEnglish))
            {
                AppendRow(html, line);
            }

            html.Append("</table>\n</div>\n");
        }

        html.Append("<p style=\"color:#666;font-size:12px\">");
        return AppendEncoded(html, Footer(english)).Append("</p>\n</body>\n</html>\n");
    }

    private static void AppendRow(StringBuilder html, NoticeLine line)
    {
        if (line.Label.Length == 0)
        {
            html.Append("<tr><td colspan=\"2\" style=\"padding:4px 0;color:#CC0033;font-weight:bold\">");
            AppendEncoded(html, line.Value).Append("</td></tr>\n");
            return;
        }

        html.Append("<tr><th style=\"text-align:left;vertical-align:top;padding:3px 12px 3px 0\">");
        AppendEncoded(html, line.Label).Append("</th><td style=\"padding:3px 0\">");
        if (line.Link is { } link)
        {
            var href = link.AbsoluteUri;
            AppendEncoded(html.Append("<a href=\""), href).Append("\">");
            AppendEncoded(html, href).Append("</a>");
            AppendEncoded(html, line.After ?? string.Empty);
        }
        else
        {
            AppendEncoded(html, line.Value);
        }

        html.Append("</td></tr>\n");
    }

    private static string Footer(bool english) => english
        ? "Automated message from the incident response system; please do not reply. / Thư tự động từ hệ thống ứng cứu sự cố; vui lòng không trả lời thư này."
        : "Thư tự động từ hệ thống ứng cứu sự cố; vui lòng không trả lời thư này. / Automated message from the incident response system; please do not reply.";

    /// <summary>Escapes the five HTML-significant characters and leaves Vietnamese letters as they are (the part is UTF-8).</summary>
    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.AsSpan().IndexOfAny(HtmlSignificant) < 0 ? value : AppendEncoded(new StringBuilder(value.Length + 16), value).ToString();
    }

    /// <summary><see cref="Encode"/> written straight into <paramref name="html"/>: no string of its own per value.</summary>
    public static StringBuilder AppendEncoded(StringBuilder html, string value)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(value);
        var rest = value.AsSpan();
        while (rest.IndexOfAny(HtmlSignificant) is var next and >= 0)
        {
            html.Append(rest[..next]).Append(rest[next] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                _ => "&#39;",
            });
            rest = rest[(next + 1)..];
        }

        return html.Append(rest);
    }

    private static readonly System.Buffers.SearchValues<char> HtmlSignificant = System.Buffers.SearchValues.Create("&<>\"'");

    /// <summary>
    /// One builder per thread, kept between bodies: a body is built in one synchronous call, and only its final
    /// string or UTF-8 bytes are new (a fresh builder allocated about twice the body in chunks).
    /// </summary>
    private static class Builder
    {
        private const int KeptUpTo = 32 * 1024;

        [ThreadStatic]
        private static StringBuilder? kept;

        public static StringBuilder Rent()
        {
            var builder = kept ?? new StringBuilder(8 * 1024);
            kept = null;
            return builder.Clear();
        }

        public static string Return(StringBuilder builder)
        {
            var done = builder.ToString();
            Keep(builder);
            return done;
        }

        /// <summary>
        /// The builder's text as UTF-8 (what <c>Encoding.UTF8.GetBytes(builder.ToString())</c> gives, without the string):
        /// encoded chunk by chunk through one encoder, so a surrogate pair split between chunks stays one character.
        /// </summary>
        public static byte[] ReturnUtf8(StringBuilder builder)
        {
            var encoder = Utf8.GetEncoder();
            var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(Utf8.GetMaxByteCount(builder.Length));
            try
            {
                var written = 0;
                foreach (var chunk in builder.GetChunks())
                {
                    written += encoder.GetBytes(chunk.Span, buffer.AsSpan(written), flush: false);
                }

                written += encoder.GetBytes([], buffer.AsSpan(written), flush: true);
                Keep(builder);
                return buffer.AsSpan(0, written).ToArray();
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        private static void Keep(StringBuilder builder)
        {
            if (builder.Capacity <= KeptUpTo)
            {
                kept = builder;
            }
        }

        private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    }
}
