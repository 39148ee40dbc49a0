using System.Security.Cryptography;
using IncidentResponse.Contracts.Api.Evidence;
using IncidentResponse.Testing;
using IncidentResponse.Triage.Evidence;
using IncidentResponse.Triage.Tests.Support;
using IncidentResponse.Triage.Timeline;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Triage.Tests.Evidence;

/// <summary>
/// On PostgreSQL, which holds every column to its length and takes the incident's lock: an item with every field at its
/// longest is kept whole, and uploads racing on one incident get a number each.
/// </summary>
public sealed class EvidencePostgresTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private static readonly Actor Officer = new("user:" + new string('x', 250), "Nguyễn Thị Hồng Nhung " + new string('ễ', 250), "web");

    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_longest_fields_under_the_longest_key_are_kept_whole_and_racing_uploads_get_a_number_each()
    {
        var database = await PostgresDatabase.CreateAsync(infrastructure, "triage-evidence");
        var incident = await TestIncidents.OpenAsync(() => database.NewContext());
        var bytes = RandomNumberGenerator.GetBytes(200_000);
        var upload = new EvidenceUpload(new string('ệ', EvidenceLimits.MaxFileName), new string('t', EvidenceLimits.MaxContentType), bytes,
            new string('Ữ', EvidenceLimits.MaxDescription), new string('ố', EvidenceLimits.MaxSource), TimeProvider.System.GetUtcNow().AddHours(-1),
            new string('ằ', EvidenceLimits.MaxPerson));
        var key = new string('k', EvidenceItem.MaxIdempotencyKey);
        await using (var db = database.NewContext())
        {
            var added = Assert.IsType<EvidenceOutcome.Added>(await EvidenceRegister.AddAsync(db, incident.Id, upload, Officer, key, Zone, TimeProvider.System, Cancel));
            Assert.False(added.Replayed);
        }

        await using (var db = database.NewContext())
        {
            var kept = await db.EvidenceItems.AsNoTracking().SingleAsync(Cancel);
            Assert.Equal((upload.FileName, upload.Description, upload.Source, upload.CollectedBy, upload.CollectedBy, key),
                (kept.FileName, kept.Description, kept.Source, kept.CollectedBy, kept.Custodian, kept.IdempotencyKey));
            Assert.Equal(bytes, kept.Content);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), kept.Sha256);
            var transferred = await EvidenceRegister.TransferAsync(db, incident.Id, kept.Id, new string('Ỹ', EvidenceLimits.MaxPerson), new string('n', EvidenceLimits.MaxNote),
                Officer, TimeProvider.System, Cancel);
            Assert.True(Assert.IsType<EvidenceOutcome.Transferred>(transferred).Changed);
        }

        // Five uploads at once on one incident: the lock lines them up, each gets its own number and timeline entry.
        var racing = await Task.WhenAll(Enumerable.Range(0, 5).Select(async n =>
        {
            await using var db = database.NewContext();
            return await EvidenceRegister.AddAsync(db, incident.Id, upload with { Content = [(byte)n] }, Officer, $"race-{n}", Zone, TimeProvider.System, Cancel);
        }));
        Assert.All(racing, r => Assert.IsType<EvidenceOutcome.Added>(r));
        await using var read = database.NewContext();
        var views = await EvidenceRegister.ViewsAsync(read, incident.Id, Cancel);
        Assert.Equal([1, 2, 3, 4, 5, 6], views.Select(v => v.Number));
        Assert.Equal(new string('Ỹ', EvidenceLimits.MaxPerson), Assert.Single(views[0].Custody).To);
        var entries = await read.TimelineEntries.AsNoTracking().Where(e => e.IncidentId == incident.Id).OrderBy(e => e.Sequence).Select(e => e.Kind).ToListAsync(Cancel);
        Assert.Equal(6, entries.Count(k => k == TimelineKinds.EvidenceAdded));
        Assert.Single(entries, k => k == TimelineKinds.EvidenceCustody);
        Assert.Equal(views.Select(v => v.TimelineSequence).Distinct().Count(), views.Count);
    }
}
