using IncidentResponse.Testing;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Incidents;
using IncidentResponse.Triage.Register;
using IncidentResponse.Triage.Tests.Support;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Triage.Tests.Register;

/// <summary>
/// An export lists every incident of its filter exactly once, in the order it started with, even while incidents change
/// under it (the default order is by severity; a busy day raises severities during a long export).
/// </summary>
public sealed class RegisterExportConsistencyTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private const int Count = 2_500; // more than two of the export's chunks

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task On_SQLite_incidents_raised_during_an_export_are_neither_skipped_nor_written_twice()
    {
        using var database = await SqliteDatabase.CreateAsync();
        await ExportWhileRaisingAsync(() => database.NewContext());
    }

    [Fact]
    public async Task On_PostgreSQL_incidents_raised_during_an_export_are_neither_skipped_nor_written_twice()
    {
        var database = await PostgresDatabase.CreateAsync(infrastructure, "export_moving");
        await ExportWhileRaisingAsync(() => database.NewContext());
    }

    private static async Task ExportWhileRaisingAsync(Func<TriageDbContext> newContext)
    {
        var opened = TimeProvider.System.GetUtcNow();
        await using (var db = newContext())
        {
            for (var n = 1; n <= Count; n++)
            {
                db.Incidents.Add(new Incident
                {
                    Id = NewId.NextGuid(), Number = $"SC-2026-{n:D5}", Title = $"Sự cố {n}", Classification = "availability:ddos", Status = Lifecycle.New,
                    SeverityLevel = 1 + (n % 3), Tlp = "AMBER", Fingerprint = $"f{n}", PolicyVersion = "2026.1", Regime = "vn-2017", Assessment = "{}",
                    OpenedAt = opened, LastSeenAt = opened,
                });
            }

            await db.SaveChangesAsync(Cancel);
        }

        var written = new List<string>();
        await using (var db = newContext())
        {
            var ordered = db.Incidents.AsNoTracking().OrderByDescending(i => i.SeverityLevel).ThenBy(i => i.Number);
            var expected = await ordered.Select(i => i.Number).ToListAsync(Cancel);
            var ids = await ordered.Select(i => i.Id).ToListAsync(Cancel); // as the endpoint fixes them when it starts
            await foreach (var row in RegisterExport.Rows(db, ids, TimeZoneInfo.Utc, Cancel))
            {
                written.Add((string)row[0]!);
                if (written.Count == 1_000)
                {
                    // Half-way through, the lowest 400 are raised above all: a chunk-by-offset read now skips rows and repeats others.
                    await using var other = newContext();
                    var lowest = expected[^400..];
                    await other.Incidents.Where(i => lowest.Contains(i.Number)).ExecuteUpdateAsync(s => s.SetProperty(i => i.SeverityLevel, 6), Cancel);
                }
            }

            Assert.Equal(expected, written); // every incident once, in the order the export started with
        }
    }
}
