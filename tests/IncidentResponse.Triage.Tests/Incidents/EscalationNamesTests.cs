using IncidentResponse.Contracts.Escalation;
using IncidentResponse.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Triage.Tests.Incidents;

/// <summary>Escalation's own sentences on the timeline name the unit as its engagement announced it; a message without the names falls back to the code.</summary>
public sealed class EscalationNamesTests
{
    private const string Key = "escalation-names-test-key-0123456789abcdef";

    [Fact]
    public async Task An_exhausted_escalation_names_the_unit_and_an_older_message_its_code()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: new Dictionary<string, string> { ["Bootstrap:ApiKey"] = Key });
        var api = new ApiClient(host.Http, Key);
        var incident = await api.IncidentOfReportAsync(await api.SubmitReportAsync(SampleReports.Ddos("Cổng " + TestNames.Unique("hết"))));
        var id = incident.GetProperty("id").GetGuid();
        var number = incident.GetProperty("number").GetString()!;
        var at = new DateTimeOffset(2026, 12, 5, 17, 30, 0, TimeSpan.Zero);
        var bus = host.Services.GetRequiredService<IBus>();

        await bus.Publish(new EscalationExhausted(Guid.NewGuid(), id, number, "vnpt-bn", "standard", 2, at,
            "Viễn thông Bắc Ninh (VNPT Bắc Ninh)", "VNPT Bắc Ninh (telecom operator)"), TestContext.Current.CancellationToken);
        await bus.Publish(new EscalationExhausted(Guid.NewGuid(), id, number, "viettel-bn", "standard", 2, at.AddMinutes(1)), TestContext.Current.CancellationToken);

        var timeline = await Eventually.MatchesAsync(() => api.GetJsonAsync($"/api/v1/incidents/{id}/timeline"),
            t => t.EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "escalation-exhausted") == 2, TimeSpan.FromSeconds(30), "both on the timeline");
        var entries = timeline.EnumerateArray().Where(e => e.GetProperty("kind").GetString() == "escalation-exhausted").ToList();
        Assert.Contains(entries, e => e.GetProperty("summaryVi").GetString()!.StartsWith("ĐÃ HẾT các bước chuyển cấp của đơn vị Viễn thông Bắc Ninh (VNPT Bắc Ninh) sau 2 vòng", StringComparison.Ordinal)
            && e.GetProperty("summaryEn").GetString()!.StartsWith("Escalation of unit VNPT Bắc Ninh (telecom operator) EXHAUSTED", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.GetProperty("summaryVi").GetString()!.StartsWith("ĐÃ HẾT các bước chuyển cấp của đơn vị viettel-bn sau 2 vòng", StringComparison.Ordinal));
    }
}
