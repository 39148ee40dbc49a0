using System.Net;

namespace IncidentResponse.Web.Tests.Pages;

/// <summary>Filing a report through the form: anti-forgery, Vietnamese validation, the API's field errors on the form.</summary>
[Collection(PagesGroup.Name)]
public sealed class ReportFormTests(PagesSite site)
{
    /// <summary>A detection time within intake's 30 days, as the form's local (Bắc Ninh, +07:00) field sends it.</summary>
    private static readonly DateTimeOffset Detected = SampleReports.DefaultDetectedAt.AddMinutes(-30);

    private static readonly string DetectedLocal = Detected.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    [Fact]
    public async Task The_full_form_files_a_report_and_goes_to_it()
    {
        using var browser = await site.SignInAsync("dieu-hanh");
        var form = await browser.GetAsync("/reports/new");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        Assert.Contains("name=\"Input.SystemSecurityLevel\"", form.Html, StringComparison.Ordinal);
        // The reference's terms (Mẫu 03): "Hiện trạng: Đã được xử lý / Chưa được xử lý", "Cách thức phát hiện".
        Assert.Contains("Hiện trạng", form.Html, StringComparison.Ordinal);
        Assert.Contains("Đã được xử lý", form.Html, StringComparison.Ordinal);
        Assert.Contains("Chưa được xử lý", form.Html, StringComparison.Ordinal);
        Assert.Contains("Cách thức phát hiện", form.Html, StringComparison.Ordinal);
        Assert.Contains("Biện pháp an toàn thông tin đã triển khai", form.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Tình trạng hiện tại", form.Html, StringComparison.Ordinal);
        // The impact scales in Vietnamese words, their values as the API takes them.
        var decoded = WebUtility.HtmlDecode(form.Html);
        Assert.Contains("<option value=\"high\">Cao: không còn cung cấp được dịch vụ thiết yếu</option>", decoded, StringComparison.Ordinal);
        Assert.Contains("<option value=\"privacy\">Lộ thông tin cá nhân</option>", decoded, StringComparison.Ordinal);
        Assert.Contains("<option value=\"not-recoverable\">Không khôi phục được</option>", decoded, StringComparison.Ordinal);
        Assert.DoesNotContain("<option value=\"supplemented\">supplemented</option>", decoded, StringComparison.Ordinal);
        Assert.Contains("<option value=\"availability:ddos\">Tấn công từ chối dịch vụ (DDoS) (availability:ddos)</option>", decoded, StringComparison.Ordinal);

        var title = "Tấn công từ chối dịch vụ " + TestNames.Unique("form");
        var filed = await browser.PostAsync("/reports/new", [
            F("Input.Title", title), F("Input.Description", "Cổng không truy cập được"), F("Input.Classification", "availability:ddos"),
            F("Input.Tlp", "GREEN"), F("Input.DetectedAt", DetectedLocal), F("Input.SystemName", "Cổng dịch vụ công"), F("Input.SystemSecurityLevel", "3"),
            F("Input.SystemIsp", "VNPT"), F("Input.SystemIps", "203.0.113.10\n203.0.113.11"), F("Input.ImpactFunctional", "high"),
            F("Input.ServiceInterrupted", "true"), F("Input.Observables", "ip: 198.51.100.9\ndomain: tancong.example.invalid")]);

        Assert.Equal(HttpStatusCode.Redirect, filed.Status);
        var reportId = Guid.Parse(filed.Location!.OriginalString["/reports/".Length..]);
        var report = await site.Api.GetJsonAsync($"/api/v1/reports/{reportId}");
        Assert.Equal(title, report.GetProperty("report").GetProperty("title").GetString());
        Assert.Equal(2, report.GetProperty("report").GetProperty("observables").GetArrayLength());
        Assert.Equal(Detected.ToUniversalTime(), report.GetProperty("report").GetProperty("detectedAt").GetDateTimeOffset().ToUniversalTime());
    }

    [Fact]
    public async Task The_same_form_posted_twice_files_one_report_and_a_new_form_files_another()
    {
        using var browser = await site.SignInAsync("dieu-hanh");
        var form = await browser.GetAsync("/reports/new");
        var key = System.Text.RegularExpressions.Regex.Match(form.Html, "name=\"FilingKey\" value=\"([0-9a-f]{32})\"").Groups[1].Value;
        Assert.NotEmpty(key);
        var title = "Tấn công từ chối dịch vụ " + TestNames.Unique("twice");
        KeyValuePair<string, string>[] fields = [
            F("Input.Title", title), F("Input.Description", "Cổng không truy cập được"), F("Input.Classification", "availability:ddos"),
            F("Input.Tlp", "GREEN"), F("Input.DetectedAt", DetectedLocal), F("FilingKey", key)];

        var first = await browser.PostAsync("/reports/new", fields);
        var second = await browser.PostAsync("/reports/new", fields); // a double click, or "back" and submit again

        Assert.Equal(HttpStatusCode.Redirect, first.Status);
        Assert.Equal(HttpStatusCode.Redirect, second.Status);
        Assert.Equal(first.Location, second.Location);
        var another = await browser.GetAsync("/reports/new");
        Assert.DoesNotContain(key, another.Html, StringComparison.Ordinal); // each form its own key
    }

    [Fact]
    public async Task The_national_security_box_files_the_fact_and_its_incident_owes_the_police_report()
    {
        using var browser = await site.SignInAsync("dieu-hanh");
        var form = await browser.GetAsync("/reports/new");
        Assert.Contains("name=\"Input.NationalSecurityOrPublicOrder\"", form.Html, StringComparison.Ordinal);
        Assert.Contains("an ninh quốc gia, trật tự an toàn xã hội", form.Html, StringComparison.Ordinal);

        var filed = await browser.PostAsync("/reports/new", [
            F("Input.Title", "Trang tin bị chèn nội dung xuyên tạc " + TestNames.Unique("nssec")), F("Input.Description", "Nội dung chống phá"),
            F("Input.Classification", "information-content-security:unauthorised-information-modification"), F("Input.DetectedAt", DetectedLocal),
            F("Input.SystemName", "Trang tin " + TestNames.Unique("nssec")), F("Input.SystemSecurityLevel", "2"), F("Input.NationalSecurityOrPublicOrder", "true")]);

        Assert.Equal(HttpStatusCode.Redirect, filed.Status);
        var reportId = Guid.Parse(filed.Location!.OriginalString["/reports/".Length..]);
        var report = await site.Api.GetJsonAsync($"/api/v1/reports/{reportId}");
        Assert.True(report.GetProperty("report").GetProperty("impact").GetProperty("nationalSecurityOrPublicOrder").GetBoolean());
        var incident = await site.Api.IncidentOfReportAsync(reportId);
        Assert.True(incident.GetProperty("nationalSecurityOrPublicOrder").GetBoolean());
        Assert.False(incident.GetProperty("serious").GetBoolean());
        Assert.Contains(incident.GetProperty("deadlines").EnumerateArray(), d => d.GetProperty("id").GetString() == "police-report");
    }

    [Fact]
    public async Task The_state_secrets_and_spread_answers_decide_whether_a_data_leak_on_a_level_4_system_is_serious()
    {
        using var browser = await site.SignInAsync("dieu-hanh");
        var form = await browser.GetAsync("/reports/new");
        Assert.Contains("name=\"Input.StateSecrets\"", form.Html, StringComparison.Ordinal);
        Assert.Contains("Có khả năng lộ bí mật nhà nước?", form.Html, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.MaySpread\"", form.Html, StringComparison.Ordinal);

        async Task<(Guid Report, System.Text.Json.JsonElement Incident, string Page)> FileAsync(string? answer)
        {
            var unique = TestNames.Unique("secret");
            await browser.GetAsync("/reports/new");
            List<KeyValuePair<string, string>> fields = [
                F("Input.Title", "Lộ tài liệu trên máy chủ văn thư " + unique), F("Input.Description", "Tài liệu bị sao chép ra ngoài"),
                F("Input.Classification", "information-content-security:data-leak"), F("Input.DetectedAt", DetectedLocal),
                F("Input.SystemName", "Máy chủ văn thư " + unique), F("Input.SystemSecurityLevel", "4"), F("Input.OwnerCanHandle", "no"),
                F("Input.PersonalData", "true")];
            if (answer is not null)
            {
                fields.AddRange([F("Input.StateSecrets", answer), F("Input.MaySpread", answer)]);
            }

            var filed = await browser.PostAsync("/reports/new", fields);
            Assert.Equal(HttpStatusCode.Redirect, filed.Status);
            var reportId = Guid.Parse(filed.Location!.OriginalString["/reports/".Length..]);
            var incident = await site.Api.IncidentOfReportAsync(reportId);
            var page = (await browser.GetAsync($"/incidents/{incident.GetProperty("id").GetGuid()}")).Html;
            return (reportId, incident, System.Text.RegularExpressions.Regex.Replace(WebUtility.HtmlDecode(page), @"\s+", " "));
        }

        var (reportId, yes, yesPage) = await FileAsync("yes");
        var impact = (await site.Api.GetJsonAsync($"/api/v1/reports/{reportId}")).GetProperty("report").GetProperty("impact");
        Assert.True(impact.GetProperty("stateSecrets").GetBoolean());
        Assert.True(impact.GetProperty("maySpread").GetBoolean());
        Assert.True(yes.GetProperty("serious").GetBoolean());
        Assert.Contains("Hậu quả: Có khả năng lộ bí mật nhà nước, Có khả năng lan rộng", yesPage, StringComparison.Ordinal);

        // A leak of personal data alone is not a disclosure of state secrets (policy 2026.3; 2026.2 called it serious).
        var (noReport, no, noPage) = await FileAsync("no");
        Assert.False((await site.Api.GetJsonAsync($"/api/v1/reports/{noReport}")).GetProperty("report").GetProperty("impact").GetProperty("stateSecrets").GetBoolean());
        Assert.False(no.GetProperty("serious").GetBoolean());
        Assert.Contains("Sự cố thông thường", noPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Chưa đủ thông tin để kết luận", noPage, StringComparison.Ordinal);

        // Not answered: the test cannot decide, and the page says what to ask.
        var (_, unanswered, unansweredPage) = await FileAsync(null);
        Assert.False(unanswered.GetProperty("serious").GetBoolean());
        Assert.Equal(["consequences"], unanswered.GetProperty("triage").GetProperty("seriousTest").GetProperty("undetermined").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("Chưa xác định (có thể là sự cố nghiêm trọng)", unansweredPage, StringComparison.Ordinal);
        Assert.Contains("chưa rõ có hậu quả nào sau đây không: Có khả năng lộ bí mật nhà nước, Có khả năng lan rộng", unansweredPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_owner_capacity_leaves_the_legal_status_undetermined_with_what_to_ask()
    {
        using var browser = await site.SignInAsync("dieu-hanh");
        var unique = TestNames.Unique("undecided");
        await browser.GetAsync("/reports/new");
        var filed = await browser.PostAsync("/reports/new", [
            F("Input.Title", "Cổng dịch vụ công ngừng hoạt động " + unique), F("Input.Description", "Tấn công từ chối dịch vụ"),
            F("Input.Classification", "availability:ddos"), F("Input.DetectedAt", DetectedLocal),
            F("Input.SystemName", "Cổng " + unique), F("Input.SystemSecurityLevel", "4"), F("Input.ServiceInterrupted", "true")]);
        Assert.Equal(HttpStatusCode.Redirect, filed.Status);
        var incident = await site.Api.IncidentOfReportAsync(Guid.Parse(filed.Location!.OriginalString["/reports/".Length..]));
        var id = incident.GetProperty("id").GetGuid();

        var html = System.Text.RegularExpressions.Regex.Replace(WebUtility.HtmlDecode((await browser.GetAsync($"/incidents/{id}")).Html), @"\s+", " ");

        Assert.False(incident.GetProperty("serious").GetBoolean());
        Assert.True(incident.GetProperty("seriousUndetermined").GetBoolean());
        Assert.Contains("Chưa xác định (có thể là sự cố nghiêm trọng)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Sự cố thông thường", html, StringComparison.Ordinal);
        Assert.Contains("Chưa đủ thông tin để kết luận: chưa rõ đơn vị chủ quản có tự xử lý được hay không. Hỏi đơn vị chủ quản", html, StringComparison.Ordinal);
        Assert.Contains("Kiểm tra tự động: chưa kết luận được", html, StringComparison.Ordinal);
        var number = incident.GetProperty("number").GetString()!;
        async Task<string> RegisterRowAsync()
        {
            var register = WebUtility.HtmlDecode((await browser.GetAsync($"/register?q={number}")).Html);
            var start = register.IndexOf($">{number}</a>", StringComparison.Ordinal);
            Assert.True(start > 0, "the incident is in the register");
            return register[start..register.IndexOf("</tr>", start, StringComparison.Ordinal)];
        }

        Assert.Contains("Chưa xác định (có thể là sự cố nghiêm trọng)", await RegisterRowAsync(), StringComparison.Ordinal);
        Assert.True((await site.Api.GetJsonAsync($"/api/v1/incidents?q={number}")).GetProperty("items")[0].GetProperty("seriousUndetermined").GetBoolean());

        // The owner copes after all: the current level saved unticked records "ordinary", and the page asks nothing more.
        var level = incident.GetProperty("severity").GetProperty("level").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var confirmed = await browser.PostAsync($"/incidents/{id}?handler=Severity", [F("level", level), F("reason", "Chủ quản tự xử lý được")]);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.Status);
        var ordinary = System.Text.RegularExpressions.Regex.Replace(WebUtility.HtmlDecode((await browser.GetAsync($"/incidents/{id}")).Html), @"\s+", " ");
        Assert.Contains("Sự cố thông thường", ordinary, StringComparison.Ordinal);
        Assert.DoesNotContain("Chưa đủ thông tin để kết luận", ordinary, StringComparison.Ordinal);
        Assert.Contains("Kiểm tra tự động: chưa kết luận được (thiếu thông tin); một người đã quyết định.", ordinary, StringComparison.Ordinal);
        Assert.Contains("sự cố thông thường. Lý do: Chủ quản tự xử lý được", ordinary, StringComparison.Ordinal);
        Assert.Contains("Sự cố thông thường", await RegisterRowAsync(), StringComparison.Ordinal);
        Assert.False((await site.Api.GetJsonAsync($"/api/v1/incidents/{id}")).GetProperty("seriousUndetermined").GetBoolean());
        using var twice = await site.Api.PostJsonAsync($"/api/v1/incidents/{id}/severity", new { level = int.Parse(level, System.Globalization.CultureInfo.InvariantCulture), reason = "lại" });
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode); // confirmed once; the same values again change nothing

        // Told later that it is serious after all, the page says so.
        var declared = await browser.PostAsync($"/incidents/{id}?handler=Severity",
            [F("level", level), F("serious", "true"), F("reason", "Chủ quản xác nhận không tự xử lý được")]);
        Assert.Equal(HttpStatusCode.Redirect, declared.Status);
        var after = WebUtility.HtmlDecode((await browser.GetAsync($"/incidents/{id}")).Html);
        Assert.Contains("Sự cố nghiêm trọng (QĐ 05/2017)", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Chưa đủ thông tin để kết luận", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_drill_box_files_a_drill_and_its_incident_page_shows_the_DIEN_TAP_badge()
    {
        using var browser = await site.SignInAsync("dieu-hanh");
        var form = await browser.GetAsync("/reports/new");
        Assert.Contains("name=\"Input.Drill\"", form.Html, StringComparison.Ordinal);

        var filed = await browser.PostAsync("/reports/new", [
            F("Input.Title", "Diễn tập tấn công từ chối dịch vụ " + TestNames.Unique("drill")), F("Input.Description", "Kịch bản diễn tập"),
            F("Input.Classification", "availability:ddos"), F("Input.Tlp", "GREEN"), F("Input.SystemName", "Cổng dịch vụ công " + TestNames.Unique("drill")),
            F("Input.Drill", "true")]);

        Assert.Equal(HttpStatusCode.Redirect, filed.Status);
        var reportId = Guid.Parse(filed.Location!.OriginalString["/reports/".Length..]);
        var incident = await site.Api.IncidentOfReportAsync(reportId);
        Assert.True(incident.GetProperty("drill").GetBoolean());
        var page = await browser.GetAsync($"/incidents/{incident.GetProperty("id").GetGuid()}");
        Assert.Contains("class=\"drill\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("DIỄN TẬP / DRILL", page.Html, StringComparison.Ordinal);

        // Observables added to the drill join the drill: a real report quoting a drill would open a real incident.
        var id = incident.GetProperty("id").GetGuid();
        var added = await browser.PostAsync($"/incidents/{id}?handler=Observables", [F("observables", "ip: 192.0.2.44")]);
        Assert.Equal(HttpStatusCode.Redirect, added.Status);
        await Eventually.MatchesAsync(() => site.Api.GetJsonAsync($"/api/v1/incidents/{id}"), i => i.GetProperty("reportCount").GetInt32() == 2,
            TimeSpan.FromSeconds(30), "the drill's follow-up filed under it");
    }

    [Fact]
    public async Task A_follow_up_names_its_incident_and_is_filed_under_it_and_a_malformed_number_is_shown_on_its_field()
    {
        var (incidentId, number) = await site.FileIncidentAsync();
        using var browser = await site.SignInAsync("dieu-hanh");
        var form = await browser.GetAsync("/reports/new");
        Assert.Contains("name=\"Input.IncidentNumber\"", form.Html, StringComparison.Ordinal);
        KeyValuePair<string, string>[] progress = [
            F("Input.Title", "Báo cáo diễn biến " + TestNames.Unique("follow")), F("Input.Description", "Đã lọc lưu lượng tại nhà mạng"),
            F("Input.Classification", "availability:ddos"), F("Input.Tlp", "GREEN"), F("Input.SystemName", "Hệ thống khác " + TestNames.Unique("follow"))];

        var filed = await browser.PostAsync("/reports/new", [.. progress, F("Input.IncidentNumber", number)]);
        var wrong = await browser.PostAsync("/reports/new", [.. progress, F("Input.IncidentNumber", "hôm qua")]);

        Assert.Equal(HttpStatusCode.Redirect, filed.Status);
        var reportId = Guid.Parse(filed.Location!.OriginalString["/reports/".Length..]);
        Assert.Equal(incidentId, (await site.Api.IncidentOfReportAsync(reportId)).GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status); // the form again, with the field's error
        Assert.Contains("Số sự cố dạng SC-2026-00042", WebUtility.HtmlDecode(wrong.Html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_fields_are_shown_in_Vietnamese_and_nothing_is_filed()
    {
        using var browser = await site.SignInAsync("dieu-hanh");
        await browser.GetAsync("/reports/new");

        var answer = await browser.PostAsync("/reports/new", [F("Input.Title", ""), F("Input.Description", ""), F("Input.Classification", "")]);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("Vui lòng chọn loại sự cố.", answer.Html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", answer.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_APIs_field_errors_are_the_forms_the_page_does_not_check_them_again()
    {
        using var browser = await site.SignInAsync("dieu-hanh");
        await browser.GetAsync("/reports/new");

        var answer = await browser.PostAsync("/reports/new", [F("Input.Title", ""), F("Input.Description", ""), F("Input.Classification", "availability:ddos"),
            F("Input.SystemIps", "không-phải-ip")]);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("id=\"err-Title\"", answer.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"err-Description\"", answer.Html, StringComparison.Ordinal);
        Assert.Contains("Không phải địa chỉ IP", answer.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("not an IP address", answer.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hotline_mode_needs_the_caller_and_shows_the_APIs_field_errors_on_the_form()
    {
        using var browser = await site.SignInAsync("dieu-hanh");
        var form = await browser.GetAsync("/reports/new?mode=hotline");
        Assert.Contains("name=\"Input.ReporterPhone\"", form.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Input.SystemSecurityLevel\"", form.Html, StringComparison.Ordinal);

        var noCaller = await browser.PostAsync("/reports/new?mode=hotline", [F("Input.Title", "Gọi báo trang web bị thay đổi"), F("Input.Description", "Trang chủ hiện nội dung lạ"),
            F("Input.Classification", "other:undetermined")]);
        Assert.Equal(HttpStatusCode.BadRequest, noCaller.Status);
        Assert.Contains("Vui lòng nhập số điện thoại người gọi.", noCaller.Html, StringComparison.Ordinal);

        // The page lets any phone through; the API says which characters a phone number may have, in both languages: the form shows Vietnamese.
        var badPhone = await browser.PostAsync("/reports/new?mode=hotline", [F("Input.Title", "Gọi báo trang web bị thay đổi"), F("Input.Description", "Trang chủ hiện nội dung lạ"),
            F("Input.Classification", "other:undetermined"), F("Input.ReporterName", "Chị Lan"), F("Input.ReporterPhone", "gọi lại sau")]);
        Assert.Equal(HttpStatusCode.BadRequest, badPhone.Status);
        Assert.Contains("Chỉ gồm chữ số", badPhone.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("digits, ", badPhone.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"err-ReporterPhone\"", badPhone.Html, StringComparison.Ordinal);

        var filed = await browser.PostAsync("/reports/new?mode=hotline", [F("Input.Title", "Gọi báo trang web bị thay đổi"), F("Input.Description", "Trang chủ hiện nội dung lạ"),
            F("Input.Classification", "other:undetermined"), F("Input.ReporterName", "Chị Lan"), F("Input.ReporterPhone", "0912 345 678")]);
        Assert.Equal(HttpStatusCode.Redirect, filed.Status);
    }

    [Fact]
    public async Task A_form_without_its_anti_forgery_token_and_a_viewers_form_are_refused()
    {
        using var browser = await site.SignInAsync("dieu-hanh");
        await browser.GetAsync("/reports/new");
        var forged = await browser.PostAsync("/reports/new", [F("Input.Title", "x"), F("Input.Description", "y"), F("Input.Classification", "other:undetermined")], withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);

        using var viewer = await site.SignInAsync("quan-sat");
        var page = await viewer.GetAsync("/reports/new");
        Assert.NotEqual(HttpStatusCode.OK, page.Status);
    }
}
