using System.Net;
using System.Text.Json;

namespace IncidentResponse.Web.Tests.Pages;

/// <summary>
/// The hotline's call log in the console: an operator logs a call that did not become a report (once per form, however often
/// it is sent), a report taken in the report form's hotline mode logs its call itself, staff read the log, a viewer logs nothing.
/// </summary>
[Collection(PagesGroup.Name)]
public sealed class HotlinePageTests(PagesSite site)
{
    private static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    private async Task<List<JsonElement>> CallsAsync(string marker) =>
        (await site.Api.GetJsonAsync("/api/v1/hotline/calls")).EnumerateArray()
            .Where(c => c.GetProperty("summary").GetString()!.Contains(marker, StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task An_operator_logs_a_call_once_however_often_the_form_is_sent_and_a_viewer_reads_but_logs_nothing()
    {
        using var browser = await site.SignInAsync("dieu-hanh");
        var marker = Guid.NewGuid().ToString("N")[..8];
        var page = await browser.GetAsync("/hotline");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var key = System.Text.RegularExpressions.Regex.Match(page.Html, "name=\"CallKey\" value=\"([a-f0-9]{32})\"").Groups[1].Value;
        Assert.NotEmpty(key);
        KeyValuePair<string, string>[] form =
        [
            F("CallKey", key), F("Call.CallerName", "Anh Tuấn <b>thử</b>"), F("Call.CallerPhone", "0912 345 678"), F("Call.CallerOrganization", "Trường THPT Lương Tài"),
            F("Call.Summary", $"Hỏi về tin nhắn giả mạo ngân hàng {marker}\nĐã hướng dẫn báo ngân hàng"), F("Call.Outcome", "referred"),
        ];

        var noSummary = await browser.PostAsync("/hotline", [.. form.Where(f => f.Key != "Call.Summary")]);
        var badTime = await browser.PostAsync("/hotline", [.. form, F("Call.ReceivedAt", "0001-01-01T03:00")]);
        var logged = await browser.PostAsync("/hotline", form);
        var again = await browser.PostAsync("/hotline", form); // a double click, a resubmission after "back"

        Assert.Equal(HttpStatusCode.BadRequest, noSummary.Status);
        Assert.Contains("id=\"err-Summary\">Bắt buộc: nội dung cuộc gọi", System.Net.WebUtility.HtmlDecode(noSummary.Html), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badTime.Status);
        Assert.Contains("id=\"err-ReceivedAt\">Thời điểm không hợp lệ.", System.Net.WebUtility.HtmlDecode(badTime.Html), StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"err-ReceivedAt\"", badTime.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, logged.Status);
        Assert.Contains("Đã ghi nhận cuộc gọi.", System.Net.WebUtility.HtmlDecode(logged.Html), StringComparison.Ordinal);
        Assert.Contains("Anh Tuấn &lt;b&gt;thử&lt;/b&gt;", logged.Html, StringComparison.Ordinal); // a name is text, not markup
        Assert.Contains("đã chuyển cơ quan, đơn vị khác", System.Net.WebUtility.HtmlDecode(logged.Html), StringComparison.Ordinal);
        Assert.Contains(marker, logged.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        var call = Assert.Single(await CallsAsync(marker));
        Assert.Equal(("0912 345 678", "referred"), (call.GetProperty("callerPhone").GetString(), call.GetProperty("outcome").GetString()));

        using var viewer = await site.SignInAsync("quan-sat");
        var read = await viewer.GetAsync("/hotline");
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Contains(marker, read.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Call.Summary\"", read.Html, StringComparison.Ordinal);
        var refused = await viewer.PostAsync("/hotline", [F("Call.Summary", "thử " + marker), F("Call.Outcome", "advised")]);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Single(await CallsAsync(marker));
    }

    [Fact]
    public async Task A_report_taken_in_the_hotline_mode_logs_its_call_once()
    {
        using var browser = await site.SignInAsync("dieu-hanh");
        var marker = Guid.NewGuid().ToString("N")[..8];
        var form = await browser.GetAsync("/reports/new?mode=hotline");
        var filingKey = System.Text.RegularExpressions.Regex.Match(form.Html, "name=\"FilingKey\" value=\"([A-Za-z0-9]+)\"").Groups[1].Value;
        Assert.NotEmpty(filingKey);
        KeyValuePair<string, string>[] report =
        [
            F("Mode", "hotline"), F("FilingKey", filingKey), F("Input.Title", $"Gọi báo trang xã bị thay đổi {marker}"), F("Input.Description", "Trang chủ hiện nội dung lạ"),
            F("Input.Classification", "other:undetermined"), F("Input.ReporterName", "Chị Lan"), F("Input.ReporterPhone", "0912 345 679"),
        ];

        var filed = await browser.PostAsync("/reports/new?mode=hotline", report);
        var again = await browser.PostAsync("/reports/new?mode=hotline", report);

        Assert.Equal(HttpStatusCode.Redirect, filed.Status);
        Assert.Equal(filed.Location, again.Location);
        var reportId = Guid.Parse(filed.Location!.OriginalString["/reports/".Length..]);
        var call = Assert.Single(await CallsAsync(marker));
        Assert.Equal((reportId, "reported", "Chị Lan", "0912 345 679"), (call.GetProperty("reportId").GetGuid(), call.GetProperty("outcome").GetString(),
            call.GetProperty("callerName").GetString(), call.GetProperty("callerPhone").GetString()));
        Assert.Equal($"Gọi báo trang xã bị thay đổi {marker}\nTrang chủ hiện nội dung lạ", call.GetProperty("summary").GetString());

        var log = await browser.GetAsync("/hotline");
        Assert.Contains($"href=\"/reports/{reportId}\"", log.Html, StringComparison.Ordinal);
        Assert.Contains("đã lập báo cáo sự cố", System.Net.WebUtility.HtmlDecode(log.Html), StringComparison.Ordinal);

        // Asked to log the report's call again (the page a failed log lands on): filled from the report, and logged once still.
        var unlogged = await browser.GetAsync($"/hotline?unlogged={reportId}");
        Assert.Contains("value=\"Chị Lan\"", unlogged.Html, StringComparison.Ordinal);
        Assert.Contains($"name=\"CallKey\" value=\"call{reportId:N}\"", unlogged.Html, StringComparison.Ordinal);
        var relogged = await browser.PostAsync("/hotline", [F("CallKey", $"call{reportId:N}"), F("Call.CallerName", "Chị Lan"), F("Call.CallerPhone", "0912 345 679"),
            F("Call.Summary", $"Gọi báo trang xã bị thay đổi {marker}\r\nTrang chủ hiện nội dung lạ"), F("Call.Outcome", "reported"), F("Call.ReportId", reportId.ToString())]);
        Assert.Equal(HttpStatusCode.OK, relogged.Status);
        Assert.Single(await CallsAsync(marker));

        // Filed from the full form, a report logs no call.
        var full = await browser.GetAsync("/reports/new");
        Assert.Equal(HttpStatusCode.OK, full.Status);
        var other = await browser.PostAsync("/reports/new", [F("Input.Title", $"Báo cáo thường {marker}x"), F("Input.Description", "x"), F("Input.Classification", "other:undetermined")]);
        Assert.Equal(HttpStatusCode.Redirect, other.Status);
        Assert.Single(await CallsAsync(marker));
    }
}
