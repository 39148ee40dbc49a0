using System.Security.Cryptography;
using System.Text.Json;
using IncidentResponse.Contracts.Api.Documents;
using IncidentResponse.Testing;
using IncidentResponse.Triage.Documents;
using IncidentResponse.Triage.Policy;
using IncidentResponse.Triage.Tests.Support;
using IncidentResponse.Triage.Timeline;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Triage.Tests.Documents;

/// <summary>
/// On PostgreSQL, which holds every column to its length: an issue with every field worded at the longest allowed,
/// under the longest key, is stored and read back whole, its bytes match the hashes on the timeline, and issues of one
/// form racing each other get one version each.
/// </summary>
public sealed class IssuedDocumentPostgresTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private static readonly Actor Officer = new("user:nguyen-thi-hong-nhung-" + new string('x', 250), "Nguyễn Thị Hồng Nhung " + new string('ễ', 250), "web");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static TriageOptions Options => new() { RulesDirectory = ShippedRules.Directory };

    [Fact]
    public async Task The_longest_edits_under_the_longest_key_are_stored_whole_and_printed_to_their_last_word()
    {
        var database = await PostgresDatabase.CreateAsync(infrastructure, "triage-issue-long");
        var incident = await TestIncidents.OpenAsync(() => database.NewContext());
        static string Long(string what) => (string.Concat(Enumerable.Repeat($"{what} dài có dấu tiếng Việt ", 200))[..(DocumentEditing.MaxText - 8)] + " HẾT-" + what[..2]).Trim();
        var edits = DocumentEditing.Normalise(new DocumentEdits
        {
            Description = Long("Mô tả"), Organisations = Long("Tổ chức"), DataKinds = Long("Dữ liệu"), Consequences = Long("Hậu quả"),
            MeasuresTaken = Long("Biện pháp"), Recommendations = Long("Kiến nghị"), Place = new string('B', DocumentEditing.MaxShort),
            Signer = new string('Ữ', DocumentEditing.MaxShort),
        });
        Assert.Empty(DocumentEditing.Check(DocumentForms.PersonalDataNotice, edits));
        var key = new string('k', IssuedDocument.MaxIdempotencyKey);

        IssueOutcome outcome;
        await using (var db = database.NewContext())
        {
            outcome = await DocumentIssuer.IssueAsync(db, incident.Id, DocumentForms.PersonalDataNotice, edits, Officer, key, "hash", Options, TimeProvider.System, Cancel);
        }

        var issued = Assert.IsType<IssueOutcome.Issued>(outcome).Document;
        await using (var db = database.NewContext())
        {
            var again = await DocumentIssuer.IssueAsync(db, incident.Id, DocumentForms.PersonalDataNotice, edits, Officer, key, "hash", Options, TimeProvider.System, Cancel);
            Assert.Equal(issued.Id, Assert.IsType<IssueOutcome.Issued>(again).Document.Id);
        }

        await using (var check = database.NewContext())
        {
            var stored = await check.IssuedDocuments.AsNoTracking().SingleAsync(d => d.IncidentId == incident.Id, Cancel);
            Assert.Equal(edits, JsonSerializer.Deserialize<DocumentEdits>(stored.Edits, DocumentIssuer.EditsJson));
            Assert.Equal(key, stored.IdempotencyKey);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(stored.Pdf)), stored.PdfSha256);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(stored.Docx)), stored.DocxSha256);
            var entry = await check.TimelineEntries.AsNoTracking().SingleAsync(e => e.IncidentId == incident.Id && e.Kind == TimelineKinds.DocumentIssued, Cancel);
            Assert.Equal(stored.TimelineSequence, entry.Sequence);
            Assert.Contains(stored.PdfSha256, entry.Data, StringComparison.Ordinal);
            var verification = await check.VerifyAsync(await check.Incidents.AsNoTracking().SingleAsync(i => i.Id == incident.Id, Cancel), Cancel);
            Assert.True(verification.Valid, string.Join("; ", verification.Problems));

            // A field longer than a page runs on over the next pages: every long field is there to its last word.
            var text = await DocumentReading.PdfTextAsync(stored.Pdf);
            foreach (var end in new[] { "HẾT-Mô", "HẾT-Tổ", "HẾT-Dữ", "HẾT-Hậ", "HẾT-Bi", "HẾT-Ki" })
            {
                Assert.Contains(end, text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Issues_of_one_form_at_the_same_time_get_one_version_each_on_a_timeline_that_verifies()
    {
        var database = await PostgresDatabase.CreateAsync(infrastructure, "triage-issue-race");
        var incident = await TestIncidents.OpenAsync(() => database.NewContext());

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 4).Select(async n =>
        {
            await using var db = database.NewContext();
            return await DocumentIssuer.IssueAsync(db, incident.Id, DocumentForms.Mau04, new DocumentEdits { Result = $"Lần {n}" }, Officer, null, $"h{n}", Options,
                TimeProvider.System, Cancel);
        }));

        Assert.Equal([1, 2, 3, 4], outcomes.Select(o => Assert.IsType<IssueOutcome.Issued>(o).Document.Version).Order());
        await using var check = database.NewContext();
        var verification = await check.VerifyAsync(await check.Incidents.AsNoTracking().SingleAsync(i => i.Id == incident.Id, Cancel), Cancel);
        Assert.True(verification.Valid, string.Join("; ", verification.Problems));
        Assert.Equal(4, verification.Entries);
    }
}
