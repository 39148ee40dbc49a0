using IncidentResponse.ServiceDefaults.Rules;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Policy;
using IncidentResponse.Triage.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IncidentResponse.Triage.Tests.Policy;

/// <summary>Every rule file version is recorded once, on a real SQLite database; a silently edited file is refused.</summary>
public sealed class PolicyRecorderTests
{
    private static readonly DateTimeOffset FirstStart = new(2026, 11, 25, 3, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task SeedAsync(SqliteDatabase database, RuleBook rules, TimeProvider time)
    {
        await using var db = database.NewContext();
        await using var services = new ServiceCollection().AddSingleton<TriageDbContext>(db).BuildServiceProvider();
        await new PolicyRecorder(rules, time).SeedAsync(services, Cancel);
    }

    private static async Task<List<RuleFileRecord>> RecordsAsync(SqliteDatabase database)
    {
        await using var db = database.NewContext();
        return await db.PolicyRecords.AsNoTracking().OrderBy(p => p.Kind).ToListAsync(Cancel);
    }

    [Fact]
    public async Task The_first_start_records_both_kinds_with_their_versions_and_text()
    {
        using var database = await SqliteDatabase.CreateAsync();

        await SeedAsync(database, ShippedRules.RuleBook, new FakeTimeProvider(FirstStart));

        var records = await RecordsAsync(database);
        Assert.Equal(
            [("legal-regimes", "2026.6", "legal-regimes.yaml"), ("triage-policy", "2026.1", "triage-policy-2026.1.yaml"), ("triage-policy", "2026.2", "triage-policy-2026.2.yaml"),
                ("triage-policy", "2026.3", "triage-policy-2026.3.yaml")],
            records.OrderBy(r => r.Kind, StringComparer.Ordinal).ThenBy(r => r.Version, StringComparer.Ordinal).Select(r => (r.Kind, r.Version, r.FileName)));
        Assert.All(records, r => Assert.Equal(FirstStart, r.FirstLoadedAt));
        Assert.All(records, r => Assert.Matches("^[0-9a-f]{64}$", r.Sha256));
        Assert.Equal(File.ReadAllText(ShippedRules.PolicyFile), records.Single(r => r.Kind == "triage-policy" && r.Version == "2026.1").Text);
        Assert.Equal(File.ReadAllText(ShippedRules.RegimesFile), records.Single(r => r.Kind == "legal-regimes").Text);
    }

    [Fact]
    public async Task Starting_again_with_the_same_files_changes_nothing()
    {
        using var database = await SqliteDatabase.CreateAsync();
        var time = new FakeTimeProvider(FirstStart);
        await SeedAsync(database, ShippedRules.RuleBook, time);
        var before = await RecordsAsync(database);

        time.Advance(TimeSpan.FromDays(3));
        await SeedAsync(database, ShippedRules.Load(ShippedRules.Directory), time);

        var after = await RecordsAsync(database);
        Assert.Equal(4, after.Count);
        Assert.Equal(
            before.OrderBy(r => r.Kind, StringComparer.Ordinal).ThenBy(r => r.Version, StringComparer.Ordinal).Select(r => (r.Kind, r.Version, r.Sha256, r.FirstLoadedAt)),
            after.OrderBy(r => r.Kind, StringComparer.Ordinal).ThenBy(r => r.Version, StringComparer.Ordinal).Select(r => (r.Kind, r.Version, r.Sha256, r.FirstLoadedAt)));
        Assert.All(after, r => Assert.Equal(FirstStart, r.FirstLoadedAt));
    }

    [Fact]
    public async Task A_file_changed_under_the_same_version_is_refused_by_name()
    {
        using var database = await SqliteDatabase.CreateAsync();
        var shipped = File.ReadAllText(ShippedRules.PolicyFile);
        using var rules = TempDirectory.WithRules(shipped);
        var time = new FakeTimeProvider(FirstStart);
        await SeedAsync(database, ShippedRules.Load(rules.Path), time);

        rules.Write("triage-policy-2026.1.yaml", shipped.Replace("      weight: 30\n", "      weight: 35\n", StringComparison.Ordinal));
        var edited = ShippedRules.Load(rules.Path);
        Assert.Equal("2026.1", edited.Policies[0].Content.Version);
        Assert.Equal(35, edited.Policies[0].Content.Scoring.Factors["functional"].Weight);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => SeedAsync(database, edited, time));

        Assert.Contains("triage-policy-2026.1.yaml", error.Message, StringComparison.Ordinal);
        Assert.Contains("version 2026.1", error.Message, StringComparison.Ordinal);
        var kept = (await RecordsAsync(database)).Single(r => r.Kind == "triage-policy");
        Assert.Equal(shipped, kept.Text);
    }

    [Fact]
    public async Task A_new_version_beside_the_old_is_recorded_and_the_old_one_kept()
    {
        using var database = await SqliteDatabase.CreateAsync();
        var shipped = File.ReadAllText(ShippedRules.PolicyFile);
        using var rules = TempDirectory.WithRules(shipped);
        var time = new FakeTimeProvider(FirstStart);
        await SeedAsync(database, ShippedRules.Load(rules.Path), time);

        time.Advance(TimeSpan.FromDays(30));
        rules.Write("triage-policy-2027.1.yaml", shipped
            .Replace("version: \"2026.1\"", "version: \"2027.1\"", StringComparison.Ordinal)
            .Replace("effectiveFrom: \"2026-01-01T00:00:00+07:00\"", "effectiveFrom: \"2027-01-01T00:00:00+07:00\"", StringComparison.Ordinal));
        await SeedAsync(database, ShippedRules.Load(rules.Path), time);

        var policies = (await RecordsAsync(database)).Where(r => r.Kind == "triage-policy").OrderBy(r => r.Version, StringComparer.Ordinal).ToList();
        Assert.Equal([("2026.1", FirstStart), ("2027.1", FirstStart.AddDays(30))], policies.Select(r => (r.Version, r.FirstLoadedAt)));
    }
}
