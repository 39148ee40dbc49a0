using System.Net;
using System.Text;

namespace IncidentResponse.Notifications.Acknowledgements;

/// <summary>
/// The small pages behind an acknowledgement link, in the console's look: Vietnamese first, English
/// below, made for a phone, one big button that posts the form. No scripts; the stylesheet is served
/// beside the page (<see cref="StylePath"/>) because the security policy forbids inline styles.
/// </summary>
internal static class AcknowledgePage
{
    public const string StylePath = "/ack-assets/ack.css";

    public const string Style = """
        :root { --ink: #1b1f24; --muted: #4a5360; --line: #c9d0d8; --brand: #0b4f8a; --focus: #ffbf47; }
        * { box-sizing: border-box; }
        html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; line-height: 1.5; color: var(--ink); background: #f3f5f7; }
        body { margin: 0; }
        header { background: var(--brand); color: #fff; padding: 0.75rem 1rem; font-weight: 600; }
        main { max-width: 34rem; margin: 1rem auto; padding: 1.25rem; background: #fff; border: 1px solid var(--line); border-radius: 6px; }
        h1 { font-size: 1.4rem; margin: 0 0 0.75rem; }
        h2 { font-size: 1.1rem; margin: 0 0 0.5rem; color: var(--muted); }
        form { margin: 1.5rem 0; }
        button { width: 100%; min-height: 3.5rem; font: inherit; font-size: 1.2rem; font-weight: 600; color: #fff; background: var(--brand); border: 0; border-radius: 6px; cursor: pointer; }
        button small { display: block; font-size: 0.9rem; font-weight: 400; }
        button:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
        hr { border: 0; border-top: 1px solid var(--line); margin: 1.5rem 0; }
        .en { color: var(--muted); }
        """;

    private static readonly System.Text.Encodings.Web.HtmlEncoder NameEncoder =
        System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public static string Render(string committeeVi, string titleVi, string titleEn, string textVi, string textEn, string? formAction = null,
        (string Shown, string Dial)? hotline = null)
    {
        static string E(string value) => WebUtility.HtmlEncode(value);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append("<meta name=\"robots\" content=\"noindex\"><link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"").Append(StylePath).Append("\">");
        html.Append("<title>").Append(E(titleVi)).Append(" / ").Append(E(titleEn)).Append("</title></head><body>");
        // Vietnamese letters stay letters in the name, as on the console's pages.
        html.Append("<header>").Append(NameEncoder.Encode(committeeVi)).Append("</header><main>");
        html.Append("<h1>").Append(E(titleVi)).Append("</h1><p>").Append(E(textVi)).Append("</p>");
        if (formAction is not null)
        {
            html.Append("<form method=\"post\" action=\"").Append(E(formAction)).Append("\"><button type=\"submit\">Xác nhận đã nhận thông báo")
                .Append("<small lang=\"en\">Acknowledge receipt</small></button></form>");
        }

        html.Append("<hr><div class=\"en\" lang=\"en\"><h2>").Append(E(titleEn)).Append("</h2><p>").Append(E(textEn)).Append("</p></div>");
        if (hotline is var (shown, dial))
        {
            // The committee's number, one tap away on the phone the link was opened on.
            html.Append("<hr><p>").Append(E(Channels.NoticeFormat.HotlineVi)).Append(" / <span lang=\"en\">").Append(E(Channels.NoticeFormat.HotlineEn)).Append("</span>: ");
            html.Append("<a href=\"tel:").Append(E(dial)).Append("\">").Append(E(shown)).Append("</a></p>");
        }

        html.Append("</main></body></html>");
        return html.ToString();
    }
}
