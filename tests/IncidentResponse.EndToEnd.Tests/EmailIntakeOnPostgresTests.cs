using System.Text;
using IncidentResponse.Host;
using IncidentResponse.Intake.Data;
using IncidentResponse.Intake.Reports;
using IncidentResponse.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;
using Npgsql;

namespace IncidentResponse.EndToEnd.Tests;

/// <summary>
/// One hostile or odd e-mail never stops e-mail intake, on PostgreSQL (which, unlike SQLite, holds
/// every column to its length): what the sending program wrote is cut to fit, a message the database
/// still refuses is filed with its headers only or set aside, and the messages after it are filed.
/// </summary>
public sealed class EmailIntakeOnPostgresTests(InfrastructureFixture infrastructure)
{
    private const string Filed = "$IrImported";
    private const string NotFiled = "$IrNotFiled";

    [Fact]
    public async Task Mail_with_an_overlong_sender_name_or_file_type_is_filed_and_so_is_the_mail_after_it()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        var deployment = await DeploymentAsync("email-lengths");
        await dovecot.DeliverAsync(Message("Tên người gửi rất dài", new string('A', 300)));
        await dovecot.DeliverAsync(Message("Tệp kiểu rất dài", "Người báo", ("log.bin", new ContentType("application", new string('x', 300)))));
        await dovecot.DeliverAsync(Message("Thư bình thường sau đó", "Người báo"));

        await using var host = await StartAsync(deployment, dovecot);

        await WaitForKeywordsAsync(dovecot, (Filed, 3));
        var reports = await ReportsAsync(host);
        Assert.Equal(["Tên người gửi rất dài", "Tệp kiểu rất dài", "Thư bình thường sau đó"], reports.Select(r => r.Title));
        var longName = reports[0];
        Assert.Equal(StoredReport.MaxSubmittedByName, longName.SubmittedByName.Length);
        Assert.StartsWith("AAAA", longName.SubmittedByName, StringComparison.Ordinal);

        var api = new ApiClient(host.Http, HostFixture.AdminKey);
        var files = await api.GetJsonAsync($"/api/v1/reports/{reports[1].Id}/attachments");
        Assert.Equal("log.bin", Assert.Single(files.EnumerateArray()).GetProperty("fileName").GetString());

        // The sender's name also travels to triage, which opens the incident with it on the timeline.
        var incident = (await api.WaitUntilTriagedAsync(longName.Id)).GetProperty("incidentId").GetGuid();
        Assert.True((await api.GetJsonAsync($"/api/v1/incidents/{incident}/timeline/verify")).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task Mail_the_database_refuses_is_filed_with_its_headers_only_or_set_aside_and_the_mail_after_it_is_filed()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        var deployment = await DeploymentAsync("email-refused");
        using var log = new RecordedLog(LogLevel.Warning);
        await using var host = await StartAsync(deployment, dovecot, log);

        // Stand-ins for whatever a database may refuse of a message: one of its files, then the message itself.
        await ExecuteAsync(deployment.Postgres,
            "ALTER TABLE intake.report_attachments ADD CONSTRAINT test_refuses_file CHECK (file_name <> 'refused.bin')",
            "ALTER TABLE intake.reports ADD CONSTRAINT test_refuses_title CHECK (title NOT LIKE 'Bị từ chối%')");
        await dovecot.DeliverAsync(Message("Tệp bị từ chối", "Trần Thị Riêng", ("refused.bin", new ContentType("application", "octet-stream"))));
        await dovecot.DeliverAsync(Message("Bị từ chối hẳn", "Lê Văn Riêng"));
        await dovecot.DeliverAsync(Message("Thư bình thường sau đó", "Người báo"));

        var inbox = await WaitForKeywordsAsync(dovecot, (Filed, 2), (NotFiled, 1));
        Assert.Contains(NotFiled, inbox.Single(m => m.Subject == "Bị từ chối hẳn").Keywords);
        var reports = await ReportsAsync(host);
        Assert.Equal(["Tệp bị từ chối", "Thư bình thường sau đó"], reports.Select(r => r.Title));

        var api = new ApiClient(host.Http, HostFixture.AdminKey);
        var headersOnly = (await api.GetJsonAsync($"/api/v1/reports/{reports[0].Id}")).GetProperty("report");
        Assert.Contains("đọc trong hộp thư / the text and files of this message could not be stored", headersOnly.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await api.GetJsonAsync($"/api/v1/reports/{reports[0].Id}/attachments")).GetArrayLength());

        // The log says which message and why, and nothing the message said or who sent it.
        var entries = string.Join("\n", log.Entries.Where(e => e.Contains("MailboxReader", StringComparison.Ordinal)));
        Assert.Contains("could not be filed whole, filing its headers only", entries, StringComparison.Ordinal);
        Assert.Contains($"marked {NotFiled}", entries, StringComparison.Ordinal);
        Assert.DoesNotContain("Riêng", entries, StringComparison.Ordinal);
        Assert.DoesNotContain("từ chối", entries, StringComparison.Ordinal);
        Assert.DoesNotContain("@example.invalid", entries, StringComparison.Ordinal);
    }

    private async Task<DistributedDeployment> DeploymentAsync(string name)
    {
        var unique = TestNames.Unique(name);
        return new DistributedDeployment(await infrastructure.CreateVirtualHostAsync(unique), await infrastructure.CreateDatabaseAsync(unique));
    }

    private static async Task<TestHost> StartAsync(TestDeployment deployment, DovecotServer dovecot, RecordedLog? log = null)
    {
        var settings = new Dictionary<string, string>(HostFixture.Settings);
        foreach (var (key, value) in dovecot.HostSettings(TimeSpan.FromMilliseconds(500), useIdle: true))
        {
            settings[key] = value;
        }

        var customization = log is null ? null : new HostCustomization { ConfigureBuilder = builder => builder.Logging.AddProvider(log) };
        return await TestHost.StartAsync(deployment, settings: settings, customization: customization);
    }

    private static async Task ExecuteAsync(string connectionString, params string[] statements)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        foreach (var statement in statements)
        {
            await using var command = new NpgsqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
    }

    private static async Task<IReadOnlyList<(MailKit.UniqueId Uid, string? Subject, IReadOnlySet<string> Keywords)>> WaitForKeywordsAsync(
        DovecotServer dovecot, params (string Keyword, int Count)[] expected) =>
        await Eventually.MatchesAsync(dovecot.InboxAsync,
            inbox => expected.All(e => inbox.Count(m => m.Keywords.Contains(e.Keyword)) == e.Count),
            TimeSpan.FromSeconds(60), string.Join(", ", expected.Select(e => $"{e.Count} message(s) marked {e.Keyword}")));

    private static async Task<List<StoredReport>> ReportsAsync(TestHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IntakeDbContext>().Reports.AsNoTracking().OrderBy(r => r.ReceivedAt).ToListAsync();
    }

    private static MimeMessage Message(string subject, string senderName, params (string Name, ContentType Type)[] files)
    {
        var body = new BodyBuilder { TextBody = "Nội dung thư của người báo." };
        foreach (var (name, type) in files)
        {
            body.Attachments.Add(name, Encoding.UTF8.GetBytes("tệp"), type);
        }

        var message = new MimeMessage { Subject = subject, MessageId = $"{Guid.NewGuid():N}@reporter.example.invalid", Body = body.ToMessageBody() };
        message.From.Add(new MailboxAddress(senderName, "nguoibao@example.invalid"));
        message.To.Add(new MailboxAddress("Ban Chỉ đạo", DovecotServer.User));
        return message;
    }
}
