using System.Net;
using IncidentResponse.Testing;
using static IncidentResponse.EndToEnd.Tests.Security.MachineDoors;

namespace IncidentResponse.EndToEnd.Tests.Security;

/// <summary>
/// SMS reply codes (issue 26 item 1, review H4 and M3a): only the gateway relays them, one code per
/// request, hidden from viewers, dead once the engagement is acknowledged, and a wrong code and a wrong
/// sender get the same answer.
/// </summary>
public sealed class SmsReplyTests(EmbeddedWithPartnersFixture fixture) : IClassFixture<EmbeddedWithPartnersFixture>
{
    private const string DutyPhone = "0900000101"; // bcd-bn's duty SMS number in the demo directory

    private ApiClient Api => fixture.Api;

    [Fact]
    public async Task A_wrong_code_and_a_wrong_sender_get_the_same_answer_and_a_used_code_no_longer_acts()
    {
        var incident = await Api.IncidentOfReportAsync(await Api.SubmitReportAsync(SampleReports.Ddos("Cổng mã SMS " + Guid.NewGuid().ToString("N")[..8])));
        var engagements = await Api.WaitUntilNotifiedAsync(incident.GetProperty("id").GetGuid(), units: 5);
        var committee = engagements.EnumerateArray().Single(e => e.GetProperty("unit").GetString() == "bcd-bn");
        var deliveryId = committee.GetProperty("deliveries").EnumerateArray().First().GetProperty("id").GetGuid();
        var code = (await Api.GetJsonAsync($"/api/v1/deliveries/{deliveryId}")).GetProperty("acknowledgeCode").GetString()!;

        var viewer = await Api.KeyAsync("viewer");
        Assert.False((await viewer.GetJsonAsync($"/api/v1/deliveries/{deliveryId}")).TryGetProperty("acknowledgeCode", out _), "a viewer sees the code");

        var gateway = await Api.KeyAsync("sms-gateway");
        string wrongSender, wrongCode;
        using (var stranger = await gateway.PostJsonAsync("/api/v1/sms/inbound", new { from = "+84911111111", text = $"OK {code}" }))
        {
            wrongSender = Shape(await ProblemAsync(stranger, HttpStatusCode.NotFound));
        }

        using (var unknown = await gateway.PostJsonAsync("/api/v1/sms/inbound", new { from = DutyPhone, text = "OK ZZZZ2345" }))
        {
            wrongCode = Shape(await ProblemAsync(unknown, HttpStatusCode.NotFound));
        }

        Assert.Equal(wrongCode, wrongSender);

        var many = string.Join(' ', Enumerable.Range(0, 50).Select(i => $"ZZZZ{i + 2000}".Replace('0', '2').Replace('1', '3'))) + " " + code;
        using (var spray = await gateway.PostJsonAsync("/api/v1/sms/inbound", new { from = DutyPhone, text = many }))
        {
            Assert.Equal(wrongCode, Shape(await ProblemAsync(spray, HttpStatusCode.NotFound)));
        }

        using (var byOperator = await (await Api.KeyAsync("operator")).PostJsonAsync("/api/v1/sms/inbound", new { from = DutyPhone, text = code }))
        {
            await ProblemAsync(byOperator, HttpStatusCode.Forbidden);
        }

        Assert.Equal("notified", (await Api.GetJsonAsync($"/api/v1/engagements/{committee.GetProperty("id").GetGuid()}")).GetProperty("state").GetString());

        using (var reply = await gateway.PostJsonAsync("/api/v1/sms/inbound", new { from = DutyPhone, text = $"{code.ToLowerInvariant()} da nhan" }))
        {
            Assert.True(reply.StatusCode == HttpStatusCode.OK, await reply.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.Equal("acknowledged", (await ApiClient.ReadJsonAsync(reply)).GetProperty("result").GetString());
        }

        using (var twice = await gateway.PostJsonAsync("/api/v1/sms/inbound", new { from = "+84900000101", text = code }))
        {
            Assert.Equal(wrongCode, Shape(await ProblemAsync(twice, HttpStatusCode.NotFound)));
        }
    }
}
