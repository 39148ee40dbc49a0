using System.Text.Json;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Deliveries;
using IncidentResponse.Notifications.Partners;
using IncidentResponse.Notifications.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Notifications.Tests.Deliveries;

/// <summary>
/// Where a notice sent again goes, on a migrated database with the shipped directory: a duty point's or a person's current
/// addresses in the notice's own channel order, a letter by e-mail, every current channel when none of the notice's kinds is
/// left; a drill, a retired unit, a webhook and a typed address keep what they had.
/// </summary>
public sealed class CurrentAddressesTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_duty_point_is_reached_at_its_current_addresses_in_the_notice_s_own_order()
    {
        await using var world = await EngagementWorld.SqliteAsync();
        var unit = await world.WithDbAsync(db => db.Units.AsNoTracking().FirstAsync(u => u.Active && u.DutyChannels.Contains("\"sms\"") && u.DutyChannels.Contains("\"email\""), Cancel));
        var current = DirectoryJson.Channels(unit.DutyChannels);
        // Made when the addresses were others, e-mail after SMS (a step's order), and with a kind the unit no longer has.
        var old = Json([new("sms", "+84900000000", null), new("telegram", "-100", null), new("email", "cu@example.invalid", null)]);

        var fresh = await world.WithDbAsync(db => CurrentAddresses.OfAsync(db, Notice($"duty:{unit.Code}", old), Cancel));

        var channels = DirectoryJson.Channels(fresh!);
        Assert.Equal([.. current.Where(c => c.Channel == "sms"), .. current.Where(c => c.Channel == "email")], channels);
        Assert.DoesNotContain(channels, c => c.Address is "+84900000000" or "cu@example.invalid");
    }

    [Fact]
    public async Task A_letter_goes_by_e_mail_and_a_notice_whose_kinds_are_gone_takes_every_current_channel()
    {
        await using var world = await EngagementWorld.SqliteAsync();
        var unit = await world.WithDbAsync(db => db.Units.AsNoTracking().FirstAsync(u => u.Active && u.DutyChannels.Contains("\"sms\"") && u.DutyChannels.Contains("\"email\""), Cancel));
        var current = DirectoryJson.Channels(unit.DutyChannels);

        // A document to a unit that had no e-mail address when it was sent: the address added since is used.
        var letter = await world.WithDbAsync(db => CurrentAddresses.OfAsync(db, Notice($"duty:{unit.Code}", "[]", NoticeKind.Document), Cancel));
        Assert.Equal([.. current.Where(c => c.Channel == "email")], DirectoryJson.Channels(letter!));

        var gone = await world.WithDbAsync(db => CurrentAddresses.OfAsync(db, Notice($"duty:{unit.Code}", Json([new("zalo", "123", null)])), Cancel));
        Assert.Equal(current, DirectoryJson.Channels(gone!));
    }

    [Fact]
    public async Task A_drill_a_retired_unit_a_webhook_and_a_typed_address_keep_what_they_had()
    {
        await using var world = await EngagementWorld.SqliteAsync();
        var unit = await world.WithDbAsync(db => db.Units.AsNoTracking().FirstAsync(u => u.Active && u.DutyChannels.Contains("\"email\""), Cancel));
        var old = Json([new("email", "cu@example.invalid", null)]);

        Assert.NotNull(await world.WithDbAsync(db => CurrentAddresses.OfAsync(db, Notice($"duty:{unit.Code}", old), Cancel))); // the control
        Assert.Null(await world.WithDbAsync(db => CurrentAddresses.OfAsync(db, Notice($"duty:{unit.Code}", old, drill: true), Cancel)));
        Assert.Null(await world.WithDbAsync(db => CurrentAddresses.OfAsync(db, Notice("webhook:https://soc.example.invalid/hook", old), Cancel)));
        Assert.Null(await world.WithDbAsync(db => CurrentAddresses.OfAsync(db, Notice("email:cu@example.invalid", old, NoticeKind.Document), Cancel)));
        Assert.Null(await world.WithDbAsync(db => CurrentAddresses.OfAsync(db, Notice("duty:no-such-unit", old), Cancel)));

        await world.WithDbAsync(db => db.Units.Where(u => u.Code == unit.Code).ExecuteUpdateAsync(s => s.SetProperty(u => u.Active, false), Cancel));
        Assert.Null(await world.WithDbAsync(db => CurrentAddresses.OfAsync(db, Notice($"duty:{unit.Code}", old), Cancel)));
    }

    [Fact]
    public async Task A_person_is_reached_at_their_current_channels()
    {
        await using var world = await EngagementWorld.SqliteAsync();
        // A person paged e-mail first (the directory's default for a person is SMS first): the notice's order stays.
        var person = await world.WithDbAsync(db => db.People.AsNoTracking().OrderBy(p => p.Id).FirstAsync(p => p.Active && p.Email != null && p.Phone != null && p.Channels == null, Cancel));
        var old = Json([new("email", "cu@example.invalid", null), new("sms", "+84900000000", null)]);

        var fresh = await world.WithDbAsync(db => CurrentAddresses.OfAsync(db, Notice($"person:{person.Id}", old, NoticeKind.Escalation), Cancel));

        var now = DirectoryJson.Channels(NotificationRecipient.PersonChannels(person));
        Assert.Equal([new ContactChannel("email", person.Email!, null), new ContactChannel("sms", person.Phone!, null)], DirectoryJson.Channels(fresh!));
        Assert.Equal(["sms", "email"], now.Select(c => c.Channel)); // the directory's own order, which the re-send did not take
        Assert.DoesNotContain(DirectoryJson.Channels(fresh!), c => c.Address is "+84900000000" or "cu@example.invalid");

        // The person's own channels edited by hand into bad JSON: the notice keeps what it had rather than fail the re-send.
        await world.WithDbAsync(db => db.People.Where(p => p.Id == person.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Channels, "{"), Cancel));
        Assert.Null(await world.WithDbAsync(db => CurrentAddresses.OfAsync(db, Notice($"person:{person.Id}", old, NoticeKind.Escalation), Cancel)));
    }

    private static string Json(ContactChannel[] channels) => JsonSerializer.Serialize(channels, DirectoryJson.Options);

    private static Notification Notice(string key, string destinations, NoticeKind kind = NoticeKind.Engaged, bool drill = false) => new()
    {
        Id = Guid.NewGuid(), IdempotencyKey = "test", IncidentId = Guid.NewGuid(), IncidentNumber = "SC-2026-00042", UnitCode = "x",
        RecipientKey = key, RecipientName = "x", Language = "vi", TimeZone = "Asia/Ho_Chi_Minh", Kind = kind.ToString(), Destinations = destinations,
        Notice = JsonSerializer.Serialize(Notices.Sample(kind) with { Drill = drill }, DirectoryJson.Options), AcknowledgeCode = "ABCDEFGH",
        Status = Contracts.Vocabulary.NotificationStatus.Failed,
    };
}
