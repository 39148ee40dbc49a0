using System.Text.Json;
using System.Text.RegularExpressions;
using IncidentResponse.Testing;
using MimeKit;

namespace IncidentResponse.EndToEnd.Tests;

/// <summary>
/// A drill (diễn tập) end to end on the embedded default, with a directory where most units have exercise
/// contacts and two (VNCERT/CC, A05) have none: nothing reaches a real unit's address, no duty is created,
/// every mail is marked, and a real report filed at the same time is unaffected.
/// </summary>
public sealed partial class DrillBehaviour
{
    private const string Mark = "[DIỄN TẬP / EXERCISE]";

    private static readonly string[] WithoutExerciseContacts = ["vncert", "a05"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_drill_reaches_only_exercise_contacts_marked_with_no_deadline_and_a_real_report_beside_it_is_unaffected()
    {
        using var data = new TempDirectory();
        using var rules = new TempDirectory();
        var shipped = Path.Combine(AppContext.BaseDirectory, "Rules");
        foreach (var name in new[] { "routing-2026.1.yaml", "tlp-disclosure-2026.1.yaml" })
        {
            File.Copy(Path.Combine(shipped, name), Path.Combine(rules.Path, name));
        }

        var directory = await File.ReadAllTextAsync(Path.Combine(shipped, "directory-2026.1.yaml"), Cancel);
        var realAddresses = EmailLine().Matches(directory).Select(m => m.Groups[1].Value.Trim('"')).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.NotEmpty(realAddresses);
        await File.WriteAllTextAsync(Path.Combine(rules.Path, "directory-2026.1.yaml"), CodeLine().Replace(directory, m =>
            WithoutExerciseContacts.Contains(m.Groups[1].Value)
                ? m.Value
                : $"{m.Value}\n    exerciseContacts: [{{ email: \"{Exercise(m.Groups[1].Value)}\" }}]"), Cancel);

        var settings = new Dictionary<string, string>(HostFixture.Settings) { ["Notifications:RulesDirectory"] = rules.Path };
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: settings);
        var api = new ApiClient(host.Http, HostFixture.AdminKey);

        // The same event, once for real and once as a drill, filed at the same time.
        var system = $"Cổng dịch vụ công diễn tập {Guid.NewGuid():N}";
        var drillReport = JsonSerializer.SerializeToNode(SampleReports.Ddos(system, personalData: true), ApiClient.Json)!.AsObject();
        drillReport["drill"] = true;
        var realId = await api.SubmitReportAsync(SampleReports.Ddos(system, personalData: true));
        var drillId = await api.SubmitReportAsync(drillReport);
        var real = await api.IncidentOfReportAsync(realId);
        var drill = await api.IncidentOfReportAsync(drillId);

        Assert.NotEqual(real.GetProperty("id").GetGuid(), drill.GetProperty("id").GetGuid());
        Assert.True(drill.GetProperty("drill").GetBoolean());
        Assert.False(real.GetProperty("drill").GetBoolean());
        Assert.True(drill.GetProperty("serious").GetBoolean(), "the drill is assessed as the real event would be");
        Assert.Equal(0, drill.GetProperty("deadlines").GetArrayLength());
        Assert.NotEqual(0, real.GetProperty("deadlines").GetArrayLength());
        var drills = await api.GetJsonAsync("/api/v1/incidents?drill=true");
        Assert.Equal([drill.GetProperty("id").GetGuid()], drills.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));

        // The drill: every notice delivered to an exercise contact, or held for the units without one.
        var drillIncident = drill.GetProperty("id").GetGuid();
        var drillNumber = drill.GetProperty("number").GetString()!;
        var deliveries = await Eventually.MatchesAsync(() => api.GetJsonAsync($"/api/v1/deliveries?incident={drillIncident}&pageSize=200"),
            d => d.GetProperty("items").GetArrayLength() >= 3 && d.GetProperty("items").EnumerateArray().All(x => x.GetProperty("status").GetString() is "delivered" or "held"),
            TimeSpan.FromSeconds(60), "the drill's notices delivered or held");
        var items = deliveries.GetProperty("items").EnumerateArray().ToList();
        Assert.All(items.Where(x => x.GetProperty("status").GetString() == "held"), x =>
        {
            Assert.Contains(x.GetProperty("unit").GetString(), WithoutExerciseContacts);
            Assert.Contains("exercise contact", x.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        });
        Assert.Contains(items, x => x.GetProperty("status").GetString() == "held");
        var delivered = items.Where(x => x.GetProperty("status").GetString() == "delivered").ToList();
        Assert.NotEmpty(delivered);
        Assert.All(delivered, x => Assert.Equal(Exercise(x.GetProperty("unit").GetString()!), x.GetProperty("deliveredAddress").GetString()));

        // The real incident is notified as ever, at the real addresses.
        await api.WaitUntilNotifiedAsync(real.GetProperty("id").GetGuid(), units: 2, timeout: TimeSpan.FromSeconds(60));

        var pickup = Path.Combine(data.Path, "mail-pickup");
        var mails = await Eventually.MatchesAsync(() => Task.FromResult(Directory.EnumerateFiles(pickup, "*.eml").Select(f => MimeMessage.Load(f)).ToList()),
            m => m.Count(x => x.Headers["X-IR-Incident"] == drillNumber) >= delivered.Count, TimeSpan.FromSeconds(30), "the drill's mails in the pickup folder");
        var drillMails = mails.Where(m => m.Headers["X-IR-Incident"] == drillNumber).ToList();
        Assert.All(drillMails, m =>
        {
            Assert.StartsWith(Mark, m.Subject, StringComparison.Ordinal);
            Assert.StartsWith(Mark, m.TextBody, StringComparison.Ordinal);
            Assert.All(m.To.Mailboxes, to =>
            {
                Assert.DoesNotContain(to.Address, realAddresses);
                Assert.EndsWith("@exercise.example.invalid", to.Address, StringComparison.Ordinal);
            });
        });
        var realMails = mails.Where(m => m.Headers["X-IR-Incident"] == real.GetProperty("number").GetString()).ToList();
        Assert.NotEmpty(realMails);
        Assert.All(realMails, m =>
        {
            Assert.DoesNotContain("DIỄN TẬP", m.Subject, StringComparison.Ordinal);
            Assert.All(m.To.Mailboxes, to => Assert.Contains(to.Address, realAddresses));
        });
    }

    private static string Exercise(string unit) => $"dien-tap-{unit}@exercise.example.invalid";

    [GeneratedRegex(@"^  - code: ([a-z0-9-]+)$", RegexOptions.Multiline)]
    private static partial Regex CodeLine();

    [GeneratedRegex(@"email: (\S+)")]
    private static partial Regex EmailLine();
}
