using System.Text.Json;
using IncidentResponse.Contracts.Escalation;
using IncidentResponse.ServiceDefaults.Outbox;

namespace IncidentResponse.ServiceDefaults.Tests.Outbox;

/// <summary>
/// An outbox body keeps Vietnamese letters as they are (an escaped letter is six characters, and slow to read back at the
/// relay), still escapes what HTML treats specially, and reads back as the message it was.
/// </summary>
public sealed class OutboxSerializerTests
{
    private static readonly LegalDeadlineAlert Alert = new(
        Guid.Parse("0b9f1c2e-1111-2222-3333-444455556666"), "SC-2026-00001", "initial", LegalDeadlineAlert.Reminder,
        new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.FromHours(7)), "Báo cáo ban đầu sự cố <Mẫu 03>", "Initial report <form 03>",
        "TT 20/2017/TT-BTTTT Điều 9", "bcd-bn", new DateTimeOffset(2026, 12, 5, 8, 0, 0, TimeSpan.FromHours(7)));

    [Fact]
    public void A_body_keeps_Vietnamese_letters_and_escapes_what_HTML_treats_specially()
    {
        var body = OutboxSerializer.Serialize(Alert);

        Assert.Contains("Báo cáo ban đầu sự cố \\u003CMẫu 03\\u003E", body, StringComparison.Ordinal);
        Assert.Contains("Điều 9", body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_reads_back_as_the_message_it_was()
    {
        var body = OutboxSerializer.Serialize(Alert);

        var read = JsonSerializer.Deserialize(body, OutboxSerializer.ResolveType(typeof(LegalDeadlineAlert).FullName!), OutboxSerializer.Options);

        Assert.Equal(Alert, read);
    }
}
