using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IncidentResponse.Notifications.Tests.Channels;

/// <summary>The sender's own rules, with a scripted channel: what is retried, what is recorded, what throws.</summary>
public sealed class ResilientSenderTests
{
    private sealed class ScriptedChannel(params Func<CancellationToken, Task<ChannelResult>>[] script) : INotificationChannel
    {
        public int Calls;

        public string Name => "fake";

        public Task<ChannelResult> SendAsync(Notice notice, Recipient recipient, Destination destination, CancellationToken cancellationToken)
        {
            var call = Interlocked.Increment(ref Calls);
            return script[Math.Min(call, script.Length) - 1](cancellationToken);
        }
    }

    private static Func<CancellationToken, Task<ChannelResult>> Answer(ChannelResult result) => _ => Task.FromResult(result);

    private static ServiceProvider SenderWith(INotificationChannel channel, TimeProvider? time = null, int maxRetries = 3)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddSingleton(channel);
        services.Configure<ResilienceOptions>("fake", o =>
        {
            o.MaxRetries = maxRetries;
            o.BaseDelay = TimeSpan.FromMilliseconds(10);
            o.MaxDelay = TimeSpan.FromMilliseconds(20);
        });
        services.AddSingleton<IDeliverySender, ResilientSender>();
        return services.BuildServiceProvider();
    }

    private static readonly Destination Fake = new("fake", "somewhere");

    [Fact]
    public async Task An_unknown_channel_is_one_permanent_attempt()
    {
        using var provider = SenderWith(new ScriptedChannel(Answer(ChannelResult.Delivered("ok"))));

        var report = await provider.GetRequiredService<IDeliverySender>().SendAsync(Notices.Sample(), Notices.Vietnamese, new Destination("fax", "+84 24 0000"), TestContext.Current.CancellationToken);

        var attempt = Assert.Single(report.Attempts);
        Assert.Equal(AttemptOutcome.PermanentFailure, attempt.Outcome);
        Assert.Equal("unknown channel", attempt.ProviderResponse);
    }

    [Fact]
    public async Task A_permanent_failure_is_never_retried()
    {
        var channel = new ScriptedChannel(Answer(ChannelResult.Permanent("gone")), Answer(ChannelResult.Delivered("ok")));
        using var provider = SenderWith(channel);

        var report = await provider.GetRequiredService<IDeliverySender>().SendAsync(Notices.Sample(), Notices.Vietnamese, Fake, TestContext.Current.CancellationToken);

        Assert.Equal(1, channel.Calls);
        Assert.Equal(AttemptOutcome.PermanentFailure, Assert.Single(report.Attempts).Outcome);
    }

    [Fact]
    public async Task Transient_failures_are_retried_up_to_the_limit_and_each_try_is_recorded()
    {
        var channel = new ScriptedChannel(Answer(ChannelResult.Transient("busy")));
        using var provider = SenderWith(channel, maxRetries: 2);

        var report = await provider.GetRequiredService<IDeliverySender>().SendAsync(Notices.Sample(), Notices.Vietnamese, Fake, TestContext.Current.CancellationToken);

        Assert.Equal(3, channel.Calls);
        Assert.Equal(3, report.Attempts.Count);
        Assert.All(report.Attempts, a => Assert.Equal(("fake", "somewhere", AttemptOutcome.TransientFailure, "busy"), (a.Channel, a.Address, a.Outcome, a.ProviderResponse)));
        Assert.False(report.Delivered);
    }

    [Fact]
    public async Task A_channel_that_throws_is_a_transient_try_not_an_exception()
    {
        var channel = new ScriptedChannel(_ => throw new InvalidOperationException("bug"), Answer(ChannelResult.Delivered("ok", "m-1")));
        using var provider = SenderWith(channel);

        var report = await provider.GetRequiredService<IDeliverySender>().SendAsync(Notices.Sample(), Notices.Vietnamese, Fake, TestContext.Current.CancellationToken);

        Assert.Equal([AttemptOutcome.TransientFailure, AttemptOutcome.Delivered], report.Attempts.Select(a => a.Outcome));
        Assert.Contains("bug", report.Attempts[0].ProviderResponse, StringComparison.Ordinal);
        Assert.Equal("m-1", report.Attempts[1].ProviderMessageId);
    }

    [Fact]
    public async Task Cancelling_the_callers_token_throws()
    {
        using var cancel = new CancellationTokenSource();
        var channel = new ScriptedChannel(async token =>
        {
            await cancel.CancelAsync();
            token.ThrowIfCancellationRequested();
            return ChannelResult.Delivered("never");
        });
        using var provider = SenderWith(channel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            provider.GetRequiredService<IDeliverySender>().SendAsync(Notices.Sample(), Notices.Vietnamese, Fake, cancel.Token));
    }

    [Fact]
    public async Task Attempt_times_come_from_the_injected_time_provider()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 2, 0, 0, TimeSpan.Zero));
        var channel = new ScriptedChannel(_ =>
        {
            time.Advance(TimeSpan.FromMilliseconds(1500));
            return Task.FromResult(ChannelResult.Delivered("ok"));
        });
        using var provider = SenderWith(channel, time);

        var report = await provider.GetRequiredService<IDeliverySender>().SendAsync(Notices.Sample(), Notices.Vietnamese, Fake, TestContext.Current.CancellationToken);

        var attempt = Assert.Single(report.Attempts);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 2, 0, 0, TimeSpan.Zero), attempt.StartedAt);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), attempt.Latency);
    }
}
