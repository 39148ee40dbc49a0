using System.Text.Json;
using IncidentResponse.Intake.Events;

namespace IncidentResponse.Intake.Tests.Events;

public sealed class EnqueueEventTests
{
    private static (EnqueueEvent? Event, List<string> Errors) Parse(string json) => EnqueueEvent.Parse(JsonDocument.Parse(json).RootElement);

    [Fact]
    public void A_full_trigger_keeps_every_field()
    {
        var (ev, errors) = Parse("""
            {"routing_key":"k","event_action":"trigger","dedup_key":"d","client":"Zabbix","client_url":"https://zabbix.example.invalid",
             "payload":{"summary":"Web defaced","source":"portal.example.invalid","severity":"error","timestamp":"2026-11-25T10:00:00+07:00",
                        "component":"nginx","group":"web","class":"defacement","custom_details":{"hash":"abc"}},
             "links":[{"href":"https://x.example.invalid","text":"x"}],"images":[{"src":"https://i.example.invalid/a.png"}]}
            """);

        Assert.Empty(errors);
        Assert.Equal("d", ev!.DedupKey);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 3, 0, 0, TimeSpan.Zero), ev.Payload!.Timestamp);
        Assert.Equal("nginx", ev.Payload.Component);
        Assert.Contains("\"hash\": \"abc\"", ev.Payload.CustomDetails, StringComparison.Ordinal);
        Assert.Single(ev.Links);
    }

    [Fact]
    public void A_resolve_needs_only_key_action_and_dedup_key_and_every_error_is_reported_at_once()
    {
        Assert.Empty(Parse("""{"routing_key":"k","event_action":"resolve","dedup_key":"d"}""").Errors);

        var (ev, errors) = Parse("""{"event_action":"trigger","dedup_key":7,"payload":{"summary":"","severity":"fatal"}}""");

        Assert.Null(ev);
        Assert.Equal(["routing_key", "dedup_key", "payload.summary", "payload.source", "payload.severity"], errors.Select(e => e[..e.IndexOf(':', StringComparison.Ordinal)]));
    }
}
