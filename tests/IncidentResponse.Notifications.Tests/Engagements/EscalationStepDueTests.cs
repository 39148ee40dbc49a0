using IncidentResponse.Contracts.Escalation;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Engagements;
using IncidentResponse.Notifications.Partners;
using IncidentResponse.Notifications.Tests.Support;

namespace IncidentResponse.Notifications.Tests.Engagements;

/// <summary>A due escalation step on a real SQLite database: who is paged, and when nobody is.</summary>
public sealed class EscalationStepDueTests
{
    private static readonly PageTarget Duc = new(PageTarget.Person, "vnpt-pham-minh-duc", null, "oncall:vnpt-bn/primary");
    private static readonly PageTarget Committee = new(PageTarget.Unit, "bcd-bn", null, null);
    private static readonly PageTarget Hook = new(PageTarget.Webhook, "https://hooks.vnpt-bacninh.example.invalid/pager", "vnpt-pager", null);

    [Fact]
    public async Task A_step_pages_a_person_a_duty_point_and_a_webhook_once_each()
    {
        await using var world = await EngagementWorld.SqliteAsync();
        var (engagement, _) = await world.EngageAsync();

        var paged = await world.StepDueAsync(EngagementWorld.Step(engagement, 1, 2, Duc, Committee, Hook));

        Assert.Equal(3, paged);
        var pages = (await world.NotificationsAsync(engagement.IncidentId)).Where(n => n.Origin == "step:1:2").ToList();
        Assert.Equal(3, pages.Count);
        Assert.All(pages, n => Assert.Equal(engagement.Id, n.EngagementId));
        Assert.All(pages, n => Assert.Equal(nameof(IncidentResponse.Notifications.Channels.NoticeKind.Escalation), n.Kind));
        var person = pages.Single(n => n.RecipientKey == "person:vnpt-pham-minh-duc");
        Assert.Equal("Phạm Minh Đức", person.RecipientName);
        Assert.Equal(["sms:+84900000203", "email:duc.pm@vnpt-bacninh.example.invalid"], DirectoryJson.Channels(person.Destinations).Select(c => $"{c.Channel}:{c.Address}"));
        Assert.Equal($"escalation:{engagement.Id:N}:r1:s2:person:vnpt-pham-minh-duc", person.IdempotencyKey);
        // The reminder names the unit as its reader knows it, not by its code.
        var reason = System.Text.RegularExpressions.Regex.Unescape(person.Notice);
        Assert.Contains("chưa có xác nhận đã nhận thông báo của đơn vị Viễn thông Bắc Ninh (VNPT Bắc Ninh) (vòng 1, bước 2)", reason, StringComparison.Ordinal);
        Assert.Contains("unit VNPT Bắc Ninh (telecom operator) has not acknowledged", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("đơn vị vnpt-bn", reason, StringComparison.Ordinal);
        Assert.Contains(pages, n => n.RecipientKey == "duty:bcd-bn");
        var hook = DirectoryJson.Channels(pages.Single(n => n.RecipientKey.StartsWith("webhook:", StringComparison.Ordinal)).Destinations).Single();
        Assert.Equal(("webhook", "https://hooks.vnpt-bacninh.example.invalid/pager", "vnpt-pager"), (hook.Channel, hook.Address, hook.SecretRef));
        var after = await world.EngagementAsync(engagement.Id);
        Assert.Equal((1, 2, EngagementStates.Notified), (after.CurrentRound, after.CurrentStep, after.State));
        var paged1 = Assert.Single(await world.OutboxAsync(), m => m.Type == nameof(EscalationStepPaged));
        Assert.Contains("Phạm Minh Đức", paged1.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_message_twice_or_the_same_step_again_pages_once()
    {
        await using var world = await EngagementWorld.SqliteAsync();
        var (engagement, _) = await world.EngageAsync();
        var step = EngagementWorld.Step(engagement, 1, 1, Duc);
        var messageId = Guid.NewGuid();

        Assert.Equal(1, await world.StepDueAsync(step, messageId));
        Assert.Equal(0, await world.StepDueAsync(step, messageId));
        Assert.Equal(0, await world.StepDueAsync(step));

        Assert.Single(await world.NotificationsAsync(engagement.IncidentId), n => n.Origin == "step:1:1");
        // The same step asked for again (escalation did not hear the answer) is answered again, marked as a repeat.
        var answers = (await world.OutboxAsync()).Where(m => m.Type == nameof(EscalationStepPaged)).ToList();
        Assert.Equal(2, answers.Count);
        Assert.Single(answers, m => m.Body.Contains("\"repeat\":true", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData(EngagementAction.Acknowledge)]
    [InlineData(EngagementAction.Accept)]
    [InlineData(EngagementAction.Resolve)]
    public async Task After_an_acknowledgement_or_later_milestone_a_step_pages_nobody(EngagementAction milestone)
    {
        await using var world = await EngagementWorld.SqliteAsync();
        var (engagement, _) = await world.EngageAsync();
        await world.ActAsync(engagement.Id, milestone);

        Assert.Equal(0, await world.StepDueAsync(EngagementWorld.Step(engagement, 1, 1, Duc, Committee)));

        Assert.DoesNotContain(await world.NotificationsAsync(engagement.IncidentId), n => n.Origin.StartsWith("step:", StringComparison.Ordinal));
        var skipped = Assert.Single(await world.OutboxAsync(), m => m.Type == nameof(EscalationStepSkipped));
        Assert.Contains("\"reason\":\"acknowledged\"", skipped.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_retrigger_of_an_acknowledged_engagement_puts_it_back_to_notified_and_pages()
    {
        await using var world = await EngagementWorld.SqliteAsync();
        var (engagement, _) = await world.EngageAsync();
        await world.ActAsync(engagement.Id, EngagementAction.Acknowledge);

        var paged = await world.StepDueAsync(EngagementWorld.Step(engagement, 2, 1, Duc) with { Retrigger = true });

        Assert.Equal(1, paged);
        var after = await world.EngagementAsync(engagement.Id);
        Assert.Equal((EngagementStates.Notified, 2, 1), (after.State, after.CurrentRound, after.CurrentStep));
        Assert.Single(await world.NotificationsAsync(engagement.IncidentId), n => n.Origin == "step:2:1" && n.Status == NotificationStatus.Pending);
        Assert.Equal(EngagementOutcome.Changed, (await world.ActAsync(engagement.Id, EngagementAction.Acknowledge)).Outcome);
    }

    [Fact]
    public async Task A_retrigger_of_an_accepted_engagement_pages_nobody()
    {
        await using var world = await EngagementWorld.SqliteAsync();
        var (engagement, _) = await world.EngageAsync();
        await world.ActAsync(engagement.Id, EngagementAction.Accept);

        Assert.Equal(0, await world.StepDueAsync(EngagementWorld.Step(engagement, 2, 1, Duc) with { Retrigger = true }));
        Assert.Equal(EngagementStates.Accepted, (await world.EngagementAsync(engagement.Id)).State);
    }

    [Fact]
    public async Task Targets_missing_from_the_directory_are_skipped_and_none_left_means_no_target()
    {
        await using var world = await EngagementWorld.SqliteAsync();
        var (engagement, _) = await world.EngageAsync();

        Assert.Equal(1, await world.StepDueAsync(EngagementWorld.Step(engagement, 1, 1, Duc, new PageTarget(PageTarget.Person, "nobody", null, null))));
        Assert.Equal(0, await world.StepDueAsync(EngagementWorld.Step(engagement, 1, 2, new PageTarget(PageTarget.Unit, "vnpt-hn", null, null))));

        var skipped = Assert.Single(await world.OutboxAsync(), m => m.Type == nameof(EscalationStepSkipped));
        Assert.Contains("no-target", skipped.Body, StringComparison.Ordinal);
        Assert.Equal((1, 1), ((await world.EngagementAsync(engagement.Id)).CurrentRound, (await world.EngagementAsync(engagement.Id)).CurrentStep));
    }
}
