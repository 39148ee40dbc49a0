using System.Net;
using System.Text;

namespace IncidentResponse.Notifications.Acknowledgements;

/// <summary>The small pages behind an acknowledgement link: Vietnamese first, English second, no scripts.</summary>
internal static class AcknowledgePage
{
    public static string Render(string titleVi, string titleEn, string textVi, string textEn, string? formAction = null)
    {
        static string E(string value) => WebUtility.HtmlEncode(value);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append("<meta name=\"robots\" content=\"noindex\"><title>").Append(E(titleVi)).Append(" / ").Append(E(titleEn)).Append("</title></head><body><main>");
        html.Append("<h1>").Append(E(titleVi)).Append("</h1><p>").Append(E(textVi)).Append("</p>");
        if (formAction is not null)
        {
            html.Append("<form method=\"post\" action=\"").Append(E(formAction)).Append("\"><button type=\"submit\">Xác nhận đã nhận thông báo / Acknowledge receipt</button></form>");
        }

        html.Append("<hr><h2 lang=\"en\">").Append(E(titleEn)).Append("</h2><p lang=\"en\">").Append(E(textEn)).Append("</p></main></body></html>");
        return html.ToString();
    }
}
