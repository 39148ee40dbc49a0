using IncidentResponse.Contracts.Escalation;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Partners;
using IncidentResponse.Notifications.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Notifications.Tests.Channels;

/// <summary>
/// A page that slipped past the incident's close (a step's page committed as the close read the pending notices it
/// cancels) is not sent: the dispatcher finds the incident closed and records it cancelled, with no failure that would
/// page the next step. What a close does not stop (a deadline's alert) still goes.
/// </summary>
public sealed class ClosedIncidentDispatchTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private const string Phone = "+84912345678";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // PostgreSQL records completions by one statement of its own
    public async Task A_step_page_of_an_incident_closed_before_it_was_sent_is_cancelled_not_sent_and_fails_nothing(bool postgres)
    {
        await using var gateway = await ProviderStandIn.StartAsync(_ => (202, """{"status":"queued"}"""));
        var settings = ChannelHost.FastRetries("sms");
        settings["Notifications:Sms:Endpoint"] = new Uri(gateway.Address, "api/sms").ToString();
        await using var world = postgres
            ? await ChannelWorld.PostgresAsync(await infrastructure.CreateDatabaseAsync("closed_" + Guid.NewGuid().ToString("N")[..12]), settings)
            : await ChannelWorld.SqliteAsync(settings);
        var engagement = await world.EngagementAsync();
        var person = await world.PersonAsync("vnpt-bn", new ContactChannel("sms", Phone, null));
        var target = new PageTarget(PageTarget.Person, person.Id, null, null);
        Assert.Equal(1, await world.StepAsync(engagement, 1, target));
        Assert.Equal(1, await world.DispatchAsync()); // while open: sent
        Assert.Equal(1, await world.StepAsync(engagement, 2, target));

        // The close committed after the step's page did, having read the pending notices before it: the page is left pending.
        await world.WithDbAsync(async db =>
        {
            var copy = await db.Incidents.SingleAsync(i => i.IncidentId == engagement.IncidentId, Cancel);
            copy.Status = "closed";
            return await db.SaveChangesAsync(Cancel);
        });
        await world.DispatchAsync();

        Assert.Single(gateway.Requests);
        var notifications = await world.NotificationsAsync(engagement.Id);
        Assert.Equal([NotificationStatus.Delivered, NotificationStatus.Cancelled], notifications.Select(n => n.Status));
        Assert.Equal("cancelled: the incident was closed", notifications[1].LastError);
        Assert.Empty(await world.AttemptsAsync(notifications[1].Id));
        Assert.DoesNotContain("NotificationFailed", await world.OutboxAsync());
    }

    [Theory]
    [InlineData(NotificationOrigins.Engagement, true)]
    [InlineData("step:2:1", true)]
    [InlineData(NotificationOrigins.Update, true)]
    [InlineData(NotificationOrigins.Decline, true)]
    [InlineData(NotificationOrigins.Deadline, false)] // the legal clocks run on after a close
    [InlineData(NotificationOrigins.Document, false)]
    [InlineData(NotificationOrigins.Receipt, false)]
    [InlineData(NotificationOrigins.Periodic, false)]
    public void Only_what_asks_for_work_on_the_incident_stops_at_its_close(string origin, bool stops) =>
        Assert.Equal(stops, NotificationOrigins.StopsAtClose(origin));
}
