using System.Globalization;
using IncidentResponse.Testing;
using MimeKit;

namespace IncidentResponse.EndToEnd.Tests;

/// <summary>
/// A periodic report near its due time reaches the standing office's mailbox from a running Host, on both stacks: triage's
/// sweep raises the reminder (its record and message in one transaction), notifications mails it to the duty point. The
/// report is made due two days from now (a rules file of the test's own; due today around New Year), so the test runs on
/// any day; last year's, never recorded, says once that it is overdue.
/// </summary>
public sealed class PeriodicReminderTests(InfrastructureFixture infrastructure)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_report_due_in_two_days_reminds_the_standing_office_once_on_the_embedded_default()
    {
        using var data = new TempDirectory();
        await RemindsOnceAsync(new EmbeddedDeployment(data.Path), data.Path);
    }

    [Fact]
    public async Task A_report_due_in_two_days_reminds_the_standing_office_once_on_RabbitMq_and_Postgres()
    {
        var unique = TestNames.Unique("periodic-reminder");
        var deployment = new DistributedDeployment(await infrastructure.CreateVirtualHostAsync(unique), await infrastructure.CreateDatabaseAsync(unique));
        try
        {
            await RemindsOnceAsync(deployment, deployment.DataDirectory);
        }
        finally
        {
            if (Directory.Exists(deployment.DataDirectory))
            {
                Directory.Delete(deployment.DataDirectory, recursive: true);
            }
        }
    }

    private static async Task RemindsOnceAsync(TestDeployment deployment, string dataDirectory)
    {
        using var rules = new TempDirectory();
        var (due, expectedMark) = RulesDueSoon(rules.Path);
        var settings = new Dictionary<string, string>(HostFixture.Settings)
        {
            ["Triage:RulesDirectory"] = rules.Path,
            ["Triage:PeriodicReminders"] = "true",
            ["Triage:PeriodicReminderInterval"] = "00:00:01",
        };

        var pickup = Path.Combine(dataDirectory, "mail-pickup");
        await using (var host = await TestHost.StartAsync(deployment, settings: settings))
        {
            // This year's report: the latest stage that came. Last year's, never recorded: its one overdue alert.
            var mails = await Eventually.MatchesAsync(() => Task.FromResult(Reminders(pickup)), m => m.Count >= 2, TimeSpan.FromSeconds(60), "the reminder mails");
            var mail = Assert.Single(mails, m => m.Headers["X-IR-Periodic-Report"] == $"test-periodic:{due.Year}");
            Assert.StartsWith("[QUÁ HẠN / OVERDUE]", Assert.Single(mails, m => m.Headers["X-IR-Periodic-Report"] == $"test-periodic:{due.Year - 1}").Subject,
                StringComparison.Ordinal);
            Assert.Equal(2, mails.Count);
            Assert.StartsWith(expectedMark, mail.Subject, StringComparison.Ordinal);
            Assert.Contains("Báo cáo thử nghiệm định kỳ (Mẫu 05)", mail.Subject, StringComparison.Ordinal);
            Assert.Equal("thuongtruc@bcd.bacninh.example.invalid", mail.To.Mailboxes.Single().Address);
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"  - Hạn: {due:dd/MM/yyyy} 00:00 (UTC+07:00)"), mail.TextBody, StringComparison.Ordinal);
            // Its outcome is in the deliveries list, about no incident, found by its origin.
            var api = new ApiClient(host.Http, HostFixture.AdminKey);
            var listed = await Eventually.MatchesAsync(() => api.GetJsonAsync("/api/v1/deliveries?origin=periodic"),
                d => d.GetProperty("items").EnumerateArray().Count(i => i.GetProperty("status").GetString() == "delivered") == 2, TimeSpan.FromSeconds(30),
                "the reminders delivered");
            Assert.All(listed.GetProperty("items").EnumerateArray(),
                i => Assert.Equal((Guid.Empty, "bcd-bn", "periodic"), (i.GetProperty("incidentId").GetGuid(), i.GetProperty("unit").GetString(), i.GetProperty("origin").GetString())));
            await Task.Delay(TimeSpan.FromSeconds(3), Cancel); // three more sweeps
        }

        // A second life of the Host sweeps again and sends nothing more: the stage was passed, on the record.
        await using (var again = await TestHost.StartAsync(deployment, settings: settings))
        {
            await Task.Delay(TimeSpan.FromSeconds(4), Cancel);
            Assert.Equal(2, Reminders(pickup).Count);
        }
    }

    private static List<MimeMessage> Reminders(string pickup) => Directory.Exists(pickup)
        ? Directory.GetFiles(pickup, "*.eml").Select(f => MimeMessage.Load(f)).Where(m => m.Headers["X-IR-Periodic-Report"] is not null).ToList()
        : [];

    /// <summary>
    /// The shipped rules, but one periodic report, due two days from today in Vietnam with a reminder 3 days before (it came
    /// yesterday; three days after 29 February when that is the day). Around New Year (a due day in the next year, or a
    /// reminder reaching back into the last, which the rules refuse) it is due today instead, without reminders before it:
    /// its overdue alert came at midnight.
    /// </summary>
    private static (DateTime Due, string Mark) RulesDueSoon(string directory)
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "Rules");
        foreach (var file in Directory.GetFiles(shipped))
        {
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)));
        }

        var today = TimeProvider.System.GetUtcNow().ToOffset(TimeSpan.FromHours(7)).Date;
        var due = today.AddDays(2) is { Month: 2, Day: 29 } ? today.AddDays(3) : today.AddDays(2);
        var (mark, leads) = ("[NHẮC HẠN / REMINDER]", "[P3D]");
        if (due.Year != today.Year || (due - TimeSpan.FromDays(3)).Year != due.Year)
        {
            (due, mark, leads) = (today, "[QUÁ HẠN / OVERDUE]", "[]");
        }

        var regimes = Path.Combine(directory, "legal-regimes.yaml");
        var text = File.ReadAllText(regimes);
        var periodic = text.IndexOf("periodicReports:", StringComparison.Ordinal);
        Assert.True(periodic > 0, "the shipped legal regimes list periodic reports");
        File.WriteAllText(regimes, text[..periodic] + $$"""
            periodicReports:
              - id: test-periodic
                name: { vi: "Báo cáo thử nghiệm định kỳ (Mẫu 05)", en: "Test periodic report (form 05)" }
                form: mau-05
                due: "{{due.ToString("MM-dd", CultureInfo.InvariantCulture)}}"
                recipients: [national-coordinator]
                basis: "thử nghiệm"
                remindBefore: {{leads}}
                notify: bcd-bn

            """);
        return (due, mark);
    }
}
