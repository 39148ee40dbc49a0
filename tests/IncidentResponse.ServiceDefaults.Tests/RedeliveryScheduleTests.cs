using IncidentResponse.ServiceDefaults.Messaging.Redelivery;

namespace IncidentResponse.ServiceDefaults.Tests;

public sealed class RedeliveryScheduleTests
{
    [Fact]
    public void Delays_grow_and_the_last_one_repeats_until_the_horizon()
    {
        var options = new MessageRedeliveryOptions();

        Assert.Equal(TimeSpan.FromSeconds(10), options.DelayAfter(1));
        Assert.Equal(TimeSpan.FromSeconds(30), options.DelayAfter(2));
        Assert.Equal(TimeSpan.FromMinutes(15), options.DelayAfter(7));
        Assert.Equal(TimeSpan.FromMinutes(15), options.DelayAfter(40));
        Assert.Equal(TimeSpan.FromHours(1), options.Horizon);
    }

    [Fact]
    public void Inbox_entries_are_kept_at_least_twice_the_redelivery_horizon()
    {
        var options = new MessageRedeliveryOptions { Horizon = TimeSpan.FromDays(5), InboxRetention = TimeSpan.FromDays(1) };

        Assert.Equal(TimeSpan.FromDays(10), options.EffectiveInboxRetention);
        Assert.Equal(TimeSpan.FromDays(7), new MessageRedeliveryOptions().EffectiveInboxRetention);
    }

    [Fact]
    public void A_failure_is_described_by_its_type_and_messages_cut_to_the_column()
    {
        var failure = new InvalidOperationException(new string('é', 3000), new TimeoutException("the database did not answer"));

        var text = DeferredMessageStore.Describe(failure);

        Assert.StartsWith("InvalidOperationException: ééé", text, StringComparison.Ordinal);
        Assert.Equal(DeferredMessage.ErrorLength, text.Length);
    }
}
