using System.Net;
using System.Text.Json;
using IncidentResponse.Testing;

namespace IncidentResponse.Chaos.Tests;

/// <summary>
/// Issue 27 item 3: backups that restore. PostgreSQL is backed up under load with infra/backup (base backup and
/// WAL archive) and restored into a fresh server up to a point in time; the embedded default is backed up by
/// the Host's <c>backup</c> command while it runs and restored with <c>restore</c>. A Host on the restored data
/// must show every report accepted before the backup's moment in an incident, and every timeline must verify.
/// </summary>
[Collection(RunAlone.Name)]
public sealed class RestoreDrillTests(InfrastructureFixture infrastructure)
{
    private const int ReportsBefore = 40;
    private const int ReportsAfter = 10;

    private static CancellationToken Cancel => ChaosRun.Cancel;

    [Fact(Timeout = 300_000)]
    public async Task A_PostgreSQL_backed_up_under_load_and_restored_to_a_point_in_time_has_every_incident_accepted_before_it_and_none_after()
    {
        await using var servers = await ArchivingPostgres.CreateAsync(Cancel);
        var primary = await servers.StartPrimaryAsync(Cancel);
        DateTimeOffset target;
        IReadOnlyList<Filing> before, after;
        await using (var run = await ChaosRun.StartAsync("restore-drill-postgres",
            ChaosRun.Distributed(ArchivingPostgres.Address(primary), await infrastructure.CreateVirtualHostAsync(TestNames.Unique("drill"))) ))
        {
            var load = run.Client.FileAsync(ReportsBefore, ChaosOptions.Rate, Cancel);
            await Task.Delay(TimeSpan.FromSeconds(ReportsBefore / ChaosOptions.Rate / 3), Cancel);
            run.Journal.Say("base backup while the load runs: " + await ArchivingPostgres.BaseBackupAsync(primary, Cancel));
            await load;
            await Task.Delay(TimeSpan.FromSeconds(1), Cancel);
            target = TimeProvider.System.GetUtcNow();
            await Task.Delay(TimeSpan.FromSeconds(1), Cancel);
            run.Journal.Say($"target {target:O}; filing {ReportsAfter} more reports after it");
            await run.Client.FileAsync(ReportsAfter, ChaosOptions.Rate, Cancel);
            await ArchivingPostgres.ArchiveCurrentWalAsync(primary, Cancel);
            (before, after) = Split(run.Client.Filings, target);
        }

        await servers.RemoveAsync(primary);
        var restored = await servers.StartRestoredAsync(target, Cancel);
        var settings = new Dictionary<string, string>(ChaosRun.Distributed(ArchivingPostgres.Address(restored), await infrastructure.CreateVirtualHostAsync(TestNames.Unique("drillrestored"))))
        {
            // What was in flight at the target is sent again from the restored database; soon, in a test.
            ["Intake__ReannounceAfter"] = "00:00:05",
            ["Intake__ReannounceCheckInterval"] = "00:00:02",
            ["Triage__StateResendAfter"] = "00:00:05",
        };
        await using var again = await ChaosRun.StartAsync("restore-drill-postgres-restored", settings);
        await AssertRestoredAsync(again, before, after);
    }

    [Fact(Timeout = 300_000)]
    public async Task The_embedded_default_backed_up_while_it_runs_and_restored_into_a_new_data_directory_has_every_incident_and_verifying_timelines()
    {
        using var backup = new TempDirectory();
        using var restoredData = new TempDirectory();
        var backupDirectory = Path.Combine(backup.Path, "backup");
        // No configured timeline key: the Host seals with the key it generates in its data directory, which the backup must carry.
        var embedded = new Dictionary<string, string>(ChaosRun.Embedded) { ["Security__TimelineKey"] = "" };
        DateTimeOffset startedAt;
        IReadOnlyList<Filing> before;
        await using (var run = await ChaosRun.StartAsync("restore-drill-embedded", embedded))
        {
            var load = run.Client.FileAsync(ReportsBefore, ChaosOptions.Rate, Cancel);
            await Task.Delay(TimeSpan.FromSeconds(ReportsBefore / ChaosOptions.Rate / 2), Cancel);
            startedAt = TimeProvider.System.GetUtcNow();
            var (code, output) = await HostCommand.RunAsync(run.DataPath(""), Cancel, "backup", backupDirectory, "--with-keys");
            run.Journal.Say($"backup while the load runs: exit {code}: {output}");
            Assert.True(code == 0, $"backup exited {code}: {output}");
            await load;
            before = [.. run.Client.Filings.Where(f => f.AcceptedAt < startedAt)];
        }

        var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(backupDirectory, "manifest.json"), Cancel)).RootElement;
        var databases = manifest.GetProperty("databases").EnumerateArray().Select(d => d.GetProperty("name").GetString()).ToList();
        Assert.Superset(new HashSet<string?> { "access.db", "intake.db", "triage.db", "notifications.db", "escalation.db", "escalation-timers.db" }, databases.ToHashSet());

        var (restoreCode, restoreOutput) = await HostCommand.RunAsync(restoredData.Path, Cancel, "restore", backupDirectory);
        Assert.True(restoreCode == 0, $"restore exited {restoreCode}: {restoreOutput}");
        var (refusedCode, refusedOutput) = await HostCommand.RunAsync(restoredData.Path, Cancel, "restore", backupDirectory);
        Assert.True(refusedCode == 1, $"a second restore into the same data directory was not refused: {refusedCode} {refusedOutput}");

        await using var again = await ChaosRun.StartAsync("restore-drill-embedded-restored",
            new Dictionary<string, string>(embedded) { ["Database__DataDirectory"] = restoredData.Path });
        await AssertRestoredAsync(again, before, []);
    }

    /// <summary>Filings answered before <paramref name="target"/>, and filings first tried after it (none may be restored).</summary>
    private static (IReadOnlyList<Filing> Before, IReadOnlyList<Filing> After) Split(IReadOnlyCollection<Filing> filings, DateTimeOffset target) =>
        ([.. filings.Where(f => f.Index <= ReportsBefore && f.AcceptedAt < target)], [.. filings.Where(f => f.Index > ReportsBefore)]);

    private static async Task AssertRestoredAsync(ChaosRun run, IReadOnlyList<Filing> before, IReadOnlyList<Filing> after)
    {
        Assert.True(before.Count > 0, "no report was accepted before the backup's moment");
        var incidents = new HashSet<Guid>();
        foreach (var filing in before)
        {
            var report = await run.Api.WaitUntilTriagedAsync(filing.ReportId!.Value, TimeSpan.FromSeconds(90));
            incidents.Add(report.GetProperty("incidentId").GetGuid());
        }

        foreach (var filing in after.Where(f => f.ReportId is not null))
        {
            using var response = await run.Api.SendAsync(HttpMethod.Get, $"/api/v1/reports/{filing.ReportId}");
            Assert.True(response.StatusCode == HttpStatusCode.NotFound,
                $"report {filing.Index}, accepted after the target, was restored too ({(int)response.StatusCode})");
        }

        var verification = await run.Api.GetJsonAsync("/api/v1/timeline/verify");
        run.Journal.Say($"restored: {before.Count} reports in {incidents.Count} incidents; {after.Count} later ones absent; verification {verification}");
        Assert.True(verification.GetProperty("valid").GetBoolean(), $"the restored timelines do not verify: {verification}");
        Assert.True(verification.GetProperty("incidents").GetInt32() >= incidents.Count, $"fewer incidents verified than restored: {verification}");
        foreach (var incident in incidents)
        {
            var one = await run.Api.GetJsonAsync($"/api/v1/incidents/{incident}/timeline/verify");
            Assert.True(one.GetProperty("valid").GetBoolean() && one.GetProperty("entries").GetInt32() > 0, $"incident {incident}: {one}");
        }
    }
}
