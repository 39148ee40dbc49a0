using IncidentResponse.Intake.Events;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IncidentResponse.Intake.Tests.Events;

public sealed class EventRateLimiterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 3, 0, 0, TimeSpan.Zero));

    private EventRateLimiter Limiter(int perMinute) => new(Options.Create(new MachineIntakeOptions { EventsPerMinute = perMinute }), _time);

    [Fact]
    public void A_key_gets_its_burst_then_waits_for_the_bucket_to_refill_and_other_keys_are_independent()
    {
        var limiter = Limiter(120);
        var key = Guid.NewGuid();

        Assert.All(Enumerable.Range(0, 120), i => Assert.True(limiter.TryAcquire(key, out _)));
        Assert.False(limiter.TryAcquire(key, out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(1), retryAfter);
        Assert.True(limiter.TryAcquire(Guid.NewGuid(), out _));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(limiter.TryAcquire(key, out _));
        Assert.True(limiter.TryAcquire(key, out _));
        Assert.False(limiter.TryAcquire(key, out _));

        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.All(Enumerable.Range(0, 120), i => Assert.True(limiter.TryAcquire(key, out _)));
        Assert.False(limiter.TryAcquire(key, out _));
    }

    [Fact]
    public void Zero_means_no_limit()
    {
        var limiter = Limiter(0);
        Assert.All(Enumerable.Range(0, 1000), i => Assert.True(limiter.TryAcquire(Guid.Empty, out _)));
    }
}
