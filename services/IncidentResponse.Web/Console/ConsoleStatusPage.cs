using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using IncidentResponse.ServiceDefaults.Committee;
using IncidentResponse.ServiceDefaults.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Http;

namespace IncidentResponse.Web.Console;

/// <summary>
/// What a person sees instead of a raw problem document when a console or portal page cannot be shown:
/// what happened in Vietnamese, then in English, and the way back to the start page. A 404 does not say
/// whether the incident exists: a partner following a link to another unit's incident learns nothing of it.
/// </summary>
public sealed class ConsoleStatusPage : IHtmlStatusPage
{
    /// <summary>Vietnamese letters stay letters, as on the console's pages.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public async Task WriteAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var status = context.Response.StatusCode;
        var committee = context.RequestServices.GetService<IOptions<CommitteeOptions>>()?.Value ?? new CommitteeOptions();
        var (titleVi, titleEn, textVi, textEn) = status switch
        {
            StatusCodes.Status404NotFound => ("Không tìm thấy trang", "Page not found",
                "Trang này không tồn tại, hoặc không được chia sẻ với đơn vị của bạn.", "This page does not exist, or it is not shared with your unit."),
            StatusCodes.Status403Forbidden => ("Không có quyền truy cập", "Access denied",
                "Tài khoản của bạn không được phép xem trang này.", "Your account may not open this page."),
            StatusCodes.Status400BadRequest => ("Yêu cầu không hợp lệ", "Bad request",
                "Địa chỉ hoặc dữ liệu gửi lên không hợp lệ. Hãy quay lại và thử lại.", "The address or the data sent is not valid. Go back and try again."),
            _ => ("Đã xảy ra lỗi", "Something went wrong",
                "Hệ thống không xử lý được yêu cầu này. Hãy thử lại sau ít phút; nếu vẫn lỗi, báo cho quản trị viên kèm mã bên dưới.",
                "The system could not handle this request. Try again in a few minutes; if it keeps failing, tell the administrator the code below."),
        };
        static string E(string value) => Encoder.Encode(value);
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"").Append(Lang.Code(context)).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\">")
            .Append("<title>").Append(E(titleVi)).Append(" · ").Append(E(titleEn)).Append("</title>")
            .Append("<link rel=\"icon\" href=\"").Append(ConsoleAssets.Url("icon.svg")).Append("\" type=\"image/svg+xml\">")
            .Append("<link rel=\"stylesheet\" href=\"").Append(ConsoleAssets.Url("console.css")).Append("\"></head><body>")
            .Append("<header class=\"top\"><a class=\"brand\" href=\"/\"><span class=\"brand-mark\" aria-hidden=\"true\">IR</span>")
            .Append("<span>").Append(E(committee.NameVi)).Append("</span></a></header>")
            .Append("<main id=\"main\"><section class=\"narrow\">")
            .Append("<h1>").Append(E(titleVi)).Append("</h1><p>").Append(E(textVi)).Append("</p>")
            .Append("<p lang=\"en\" class=\"hint\"><strong>").Append(E(titleEn)).Append(".</strong> ").Append(E(textEn)).Append("</p>")
            .Append("<p><a href=\"/\">Về trang chính</a> · <a href=\"/\" lang=\"en\">Back to the start page</a></p>")
            .Append("<p class=\"hint\">").Append(status).Append(" · ").Append(E(context.TraceIdentifier)).Append("</p>")
            .Append("</section></main>");
        if (committee.PublishedHotline is { } hotline)
        {
            // In an emergency a broken page must not be a dead end: the number is one tap away.
            html.Append("<footer class=\"foot\"><p class=\"hotline\">Đường dây nóng 24/7 của Ban Chỉ đạo / <span lang=\"en\">The committee's 24/7 hotline</span>: ")
                .Append("<a href=\"tel:").Append(E(committee.HotlineDial!)).Append("\">").Append(E(hotline)).Append("</a></p></footer>");
        }

        html.Append("</body></html>");
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(html.ToString(), context.RequestAborted);
    }
}
