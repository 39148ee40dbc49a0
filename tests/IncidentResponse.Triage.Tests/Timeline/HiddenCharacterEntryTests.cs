using IncidentResponse.Triage.Tests.Support;
using IncidentResponse.Triage.Timeline;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Triage.Tests.Timeline;

/// <summary>
/// Text that cannot be refused (a mail's subject, a chat member's name, a file's name) reaches the timeline with its
/// direction overrides, isolates and tag characters shown as U+FFFD, not obeyed; the entry still verifies.
/// </summary>
public sealed class HiddenCharacterEntryTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Characters_that_would_reorder_or_hide_text_are_shown_not_obeyed_and_the_chain_verifies()
    {
        using var database = await SqliteDatabase.CreateAsync();
        var incident = await TestIncidents.OpenAsync(() => database.NewContext());
        await using var db = database.NewContext();
        var stored = await db.Incidents.SingleAsync(i => i.Id == incident.Id, Cancel);

        var entry = db.Append(stored, TimelineKinds.NoteAdded, new Actor("telegram:42", "Trần \u202EB", "telegram"), TimeProvider.System.GetUtcNow(),
            "Nhận tệp \u202Etxt.exe", "File \u2066from\u2069 the reporter \U000E0041 (\u200Fدليل\u200F)");
        await db.SaveChangesAsync(Cancel);

        Assert.Equal("Nhận tệp \uFFFDtxt.exe", entry.SummaryVi);
        Assert.Equal("File \uFFFDfrom\uFFFD the reporter \uFFFD (\u200Fدليل\u200F)", entry.SummaryEn); // direction marks alone are kept
        Assert.Equal("Trần \uFFFDB", entry.ActorName);
        Assert.True((await db.VerifyAsync(stored, Cancel)).Valid);
    }
}
