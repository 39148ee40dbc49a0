using System.Net;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Intake.Data;
using IncidentResponse.Intake.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Web.Tests;

/// <summary>
/// <c>/reports/held</c>: operators see the reports held for confirmation (unknown or unauthenticated e-mail
/// senders), confirm them or reject them with a reason; viewers may not.
/// </summary>
public sealed class HeldReportsPageTests(ConsoleHostFixture host) : IClassFixture<ConsoleHostFixture>
{
    [Fact]
    public async Task An_operator_sees_the_queue_and_rejects_a_held_report_with_a_reason_and_confirms_another()
    {
        var rejected = await HoldAsync("Thư giả danh Công an tỉnh");
        var confirmed = await HoldAsync("Thư chưa rõ người gửi");
        var (_, email, password) = await host.CreateUserAsync("operator");
        using var person = await host.SignedInAsync(email, password);

        var page = await person.GetAsync("/reports/held");
        var noReason = await person.PostAsync($"/reports/held?handler=Reject&id={rejected}", [new("reason", "")]);
        var rejecting = await person.PostAsync($"/reports/held?handler=Reject&id={rejected}", [new("reason", "Người gửi không có trong danh bạ")]);
        var confirming = await person.PostAsync($"/reports/held?handler=Confirm&id={confirmed}", []);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Báo cáo chờ xác nhận", page.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"/reports/held\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("Thư giả danh Công an tỉnh", page.Html, StringComparison.Ordinal);
        Assert.Contains("Người gửi chưa có trong danh sách", page.Html, StringComparison.Ordinal);
        Assert.Contains("Chưa xác định <code>other:undetermined</code>", System.Net.WebUtility.HtmlDecode(page.Html), StringComparison.Ordinal); // the class named
        Assert.DoesNotContain("<script>", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", page.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.Status);
        Assert.Contains("reason", noReason.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, rejecting.Status);
        Assert.Contains("Đã từ chối báo cáo.", rejecting.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, confirming.Status);
        Assert.DoesNotContain("Thư chưa rõ người gửi", confirming.Html, StringComparison.Ordinal);
        var (status, note) = await StateAsync(rejected);
        Assert.Equal((ReportStatuses.Rejected, "Người gửi không có trong danh bạ"), (status, note));
        Assert.NotEqual(ReportStatuses.AwaitingConfirmation, (await StateAsync(confirmed)).Status);

        var shown = await person.GetAsync($"/reports/{rejected}");
        Assert.Contains("Báo cáo đã bị từ chối", shown.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_viewer_cannot_open_the_queue()
    {
        var (_, email, password) = await host.CreateUserAsync("viewer");
        using var person = await host.SignedInAsync(email, password);

        var page = await person.GetAsync("/reports/held");

        Assert.NotEqual(HttpStatusCode.OK, page.Status);
    }

    [Fact]
    public async Task A_queue_longer_than_the_page_says_so_and_the_API_counts_it_all()
    {
        var held = new List<Guid>();
        try
        {
            for (var i = 0; i < 201; i++)
            {
                held.Add(await HoldAsync($"Thư chờ số {i}"));
            }

            var (_, email, password) = await host.CreateUserAsync("operator");
            using var person = await host.SignedInAsync(email, password);
            var page = await person.GetAsync("/reports/held");
            using var listed = await host.Api.SendAsync(HttpMethod.Get, "/api/v1/reports/held");

            Assert.Contains("id=\"held-more\"", page.Html, StringComparison.Ordinal);
            Assert.Contains("Xác nhận hoặc từ chối các báo cáo này để xem tiếp", page.Html, StringComparison.Ordinal);
            var total = int.Parse(listed.Headers.GetValues("X-Total-Count").Single(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(total >= 201, $"X-Total-Count {total}");
            Assert.Equal(200, (await ApiClient.ReadJsonAsync(listed)).GetArrayLength());
        }
        finally
        {
            // The class's other tests see the queue too: put these out of it.
            await using var scope = host.Host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IntakeDbContext>().Reports.Where(r => held.Contains(r.Id))
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, ReportStatuses.Rejected), TestContext.Current.CancellationToken);
        }
    }

    private async Task<Guid> HoldAsync(string title)
    {
        await using var scope = host.Host.Services.CreateAsyncScope();
        var inbox = scope.ServiceProvider.GetRequiredService<ReportInbox>();
        var request = new ReportRequest(title, "Nội dung thư.", null, "AMBER", null, null, null, null, null, null, null, null, null, null, null, null, null);
        var (report, _) = ReportValidation.Validate(request, TimeProvider.System.GetUtcNow());
        var (id, _) = inbox.Stage(report!, new ReportOrigin("email", "email:intake", "Người lạ <la@spoof.example.net>"),
            holdReason: "Người gửi chưa có trong danh sách đã biết (la@spoof.example.net) / sender not known (la@spoof.example.net)");
        await scope.ServiceProvider.GetRequiredService<IntakeDbContext>().SaveChangesAsync();
        return id;
    }

    private async Task<(string Status, string? Note)> StateAsync(Guid id)
    {
        await using var scope = host.Host.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<IntakeDbContext>().Reports.AsNoTracking().SingleAsync(r => r.Id == id);
        return (report.Status, report.ReviewNote);
    }
}
