using System.Net;
using IncidentResponse.Contracts.Diagnostics;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.ServiceDefaults.Messaging.Redelivery;
using IncidentResponse.ServiceDefaults.Outbox;
using IncidentResponse.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Web.Tests;

/// <summary><c>/admin/parked-work</c>: coordinators see parked messages and replay or discard them (audited); nobody else may.</summary>
public sealed class ParkedWorkPageTests(ConsoleHostFixture host) : IClassFixture<ConsoleHostFixture>
{
    [Fact]
    public async Task A_coordinator_sees_a_parked_message_and_replays_it_from_the_page_and_the_audit_log_shows_it()
    {
        var (id, probeId) = await ParkAsync();
        using var admin = await host.SignedInAsync(ConsoleHostFixture.AdminEmail, ConsoleHostFixture.AdminPassword);

        var page = await admin.GetAsync("/admin/parked-work");
        var replayed = await admin.PostAsync($"/admin/parked-work?handler=Replay&id={id}", []);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("web-pipeline-probe", page.Html, StringComparison.Ordinal);
        Assert.Contains("PipelineProbeRequested", page.Html, StringComparison.Ordinal);
        Assert.Contains("Đã dừng", page.Html, StringComparison.Ordinal);
        Assert.Contains(probeId.ToString(), page.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, replayed.Status);
        Assert.Contains("Đã gửi lại tin nhắn.", replayed.Html, StringComparison.Ordinal);
        await Testing.Eventually.MatchesAsync(() => RowAsync(id), r => r is null, what: "the replayed message applied and forgotten");
        var entry = (await host.AuditAsync()).First(e => e.GetProperty("subject").GetString() == $"parked-work:{id}");
        Assert.Equal("parked-work.replayed", entry.GetProperty("action").GetString());
        Assert.StartsWith("user:", entry.GetProperty("actorId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_coordinator_discards_a_parked_message_from_the_page()
    {
        var (id, _) = await ParkAsync();
        using var admin = await host.SignedInAsync(ConsoleHostFixture.AdminEmail, ConsoleHostFixture.AdminPassword);
        await admin.GetAsync("/admin/parked-work");

        var discarded = await admin.PostAsync($"/admin/parked-work?handler=Discard&id={id}", []);

        Assert.Equal(HttpStatusCode.OK, discarded.Status);
        Assert.Contains("Đã hủy tin nhắn.", discarded.Html, StringComparison.Ordinal);
        Assert.Null(await RowAsync(id));
        Assert.Contains(await host.AuditAsync(), e => e.GetProperty("subject").GetString() == $"parked-work:{id}" && e.GetProperty("action").GetString() == "parked-work.discarded");
    }

    [Fact]
    public async Task An_operator_cannot_open_the_page_nor_call_its_API()
    {
        var (_, email, password) = await host.CreateUserAsync("operator");
        using var person = await host.SignedInAsync(email, password);

        var page = await person.GetAsync("/admin/parked-work");
        var (operatorId, _, _) = await host.CreateUserAsync("operator");
        var api = await host.CallWithTokenAsync(await host.ConsoleTokenAsync(operatorId), HttpMethod.Get, "/api/v1/parked-work");

        Assert.NotEqual(HttpStatusCode.OK, page.Status);
        Assert.Equal(HttpStatusCode.Forbidden, api);
    }

    private async Task<(Guid Id, Guid ProbeId)> ParkAsync()
    {
        var now = TimeProvider.System.GetUtcNow();
        var probe = new PipelineProbeRequested(Guid.NewGuid(), now);
        var row = new DeferredMessage
        {
            Id = Guid.NewGuid(),
            MessageId = Guid.NewGuid(),
            Queue = "web-pipeline-probe",
            MessageType = typeof(PipelineProbeRequested).FullName!,
            Body = OutboxSerializer.Serialize(probe),
            Attempts = 9,
            FirstError = "TimeoutException: the database did not answer",
            LastError = "TimeoutException: the database did not answer",
            FirstFailedAt = now.AddHours(-2),
            LastFailedAt = now.AddMinutes(-50),
            State = ParkedWorkStates.Parked,
        };
        await using var scope = host.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WebDbContext>();
        db.DeferredMessages.Add(row);
        await db.SaveChangesAsync();
        return (row.Id, probe.ProbeId);
    }

    private async Task<DeferredMessage?> RowAsync(Guid id)
    {
        await using var scope = host.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WebDbContext>().DeferredMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id);
    }
}
