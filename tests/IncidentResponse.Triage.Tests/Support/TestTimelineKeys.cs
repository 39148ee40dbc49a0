using IncidentResponse.Triage.Timeline.Sealing;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Triage.Tests.Support;

/// <summary>Timeline keys for tests, and the application services a test context finds them in.</summary>
public static class TestTimelineKeys
{
    public const string Key = "test-timeline-key-0123456789abcdef0123456789";

    public const string NextKey = "next-timeline-key-0123456789abcdef0123456789";

    public static TimelineKeyRing Ring { get; } = new(Key);

    public static IServiceProvider Services { get; } = ServicesFor(Ring);

    public static IServiceProvider ServicesFor(TimelineKeyRing ring) =>
        new ServiceCollection().AddSingleton(ring).BuildServiceProvider();
}
