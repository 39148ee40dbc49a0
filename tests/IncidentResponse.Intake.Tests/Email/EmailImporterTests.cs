using System.Text;
using IncidentResponse.Intake.Email;
using IncidentResponse.Intake.Reports;
using IncidentResponse.Intake.Tests.Support;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace IncidentResponse.Intake.Tests.Email;

/// <summary>
/// What a sending program writes in a header fits the column it is kept in, so one message never
/// fails to be filed because of it (SQLite does not enforce lengths: the lengths are checked here,
/// the database's answer in the end-to-end test on PostgreSQL).
/// </summary>
public sealed class EmailImporterTests
{
    private static readonly EmailIntakeOptions Options = new() { Host = "imap.example.invalid", UserName = "intake" };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_sender_name_and_a_file_type_longer_than_their_columns_are_cut_to_fit()
    {
        using var database = await SqliteIntake.CreateAsync();
        var body = new BodyBuilder { TextBody = "Có tệp đính kèm." };
        body.Attachments.Add("log.txt", Encoding.UTF8.GetBytes("x"), new ContentType("application", new string('x', 300)));
        var message = new MimeMessage { Subject = "Báo cáo", MessageId = "long@example.invalid", Body = body.ToMessageBody() };
        message.From.Add(new MailboxAddress(new string('A', 300), "a@example.invalid"));

        var imported = await ImportAsync(database, message);

        await using var check = database.NewContext();
        var report = await check.Reports.SingleAsync(r => r.Id == imported.ReportId, Cancel);
        Assert.Equal(StoredReport.MaxSubmittedByName, report.SubmittedByName.Length);
        Assert.StartsWith("AAAA", report.SubmittedByName, StringComparison.Ordinal);
        var file = await check.Attachments.SingleAsync(a => a.ReportId == imported.ReportId, Cancel);
        Assert.Equal(ReportAttachment.MaxContentType, file.ContentType.Length);
        Assert.StartsWith("application/xxx", file.ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Control_characters_in_the_sender_and_subject_are_not_stored()
    {
        using var database = await SqliteIntake.CreateAsync();
        var message = new MimeMessage { Subject = "Tiêu\0đề\u0007", Body = new TextPart("plain") { Text = "x" } };
        message.From.Add(new MailboxAddress("Người\0gửi", "a@example.invalid"));

        var imported = await ImportAsync(database, message);

        await using var check = database.NewContext();
        var report = await check.Reports.SingleAsync(r => r.Id == imported.ReportId, Cancel);
        Assert.Equal(("Người gửi <a@example.invalid>", "Tiêu đề"), (report.SubmittedByName, report.Title));
    }

    [Theory]
    [InlineData("abcdef", 4, "abc…")]
    [InlineData("ab😀cd", 4, "ab…")]
    [InlineData("ab😀cd", 5, "ab😀…")]
    [InlineData("  a \t\r\n b\0c  ", 10, "a b c")]
    public void A_header_value_is_one_line_cut_without_splitting_a_character(string value, int max, string fitted) =>
        Assert.Equal(fitted, HeaderValue.Fit(value, max));

    [Fact]
    public async Task The_announcement_carries_the_mails_message_id_also_for_a_second_mail_reusing_it()
    {
        using var database = await SqliteIntake.CreateAsync();
        var first = new MimeMessage { Subject = "[TBSC] Tấn công DDoS", MessageId = "m9@reporter.example.invalid", Body = new TextPart("plain") { Text = "x" } };
        first.From.Add(new MailboxAddress("Người báo", "a@example.invalid"));
        var reused = new MimeMessage { Subject = "Một thư khác", MessageId = "m9@reporter.example.invalid", Body = new TextPart("plain") { Text = "y" } };
        reused.From.Add(new MailboxAddress("Người báo", "a@example.invalid"));

        var known = new EmailIntakeOptions { Host = Options.Host, UserName = Options.UserName, KnownSenders = ["a@example.invalid"] };
        var one = await ImportAsync(database, first, known);
        var two = await ImportAsync(database, reused, known);

        Assert.NotEqual(one.ReportId, two.ReportId);
        await using var check = database.NewContext();
        var announced = (await check.OutboxMessages.AsNoTracking().ToListAsync(Cancel))
            .Select(m => Assert.IsType<IncidentResponse.Contracts.Reports.ReportsReceived>(System.Text.Json.JsonSerializer.Deserialize(
                m.Body, IncidentResponse.ServiceDefaults.Outbox.OutboxSerializer.ResolveType(m.MessageType), IncidentResponse.ServiceDefaults.Outbox.OutboxSerializer.Options)))
            .SelectMany(m => m.Reports).ToList();
        Assert.Equal([("m9@reporter.example.invalid", one.ReportId), ("m9@reporter.example.invalid", two.ReportId)],
            announced.Select(r => (r.MessageId, r.ReportId)).OrderBy(r => r.ReportId == two.ReportId));
    }

    [Theory]
    [InlineData("email", "msgid:m1@x.example.invalid", "m1@x.example.invalid")]
    [InlineData("email", "msgid:m1@x.example.invalid#0123456789abcdef", "m1@x.example.invalid")]
    [InlineData("email", "msgid:a#b@x.example.invalid", "a#b@x.example.invalid")]
    [InlineData("email", "uid:1:1", null)]
    [InlineData("api", "msgid:m1@x.example.invalid", null)]
    [InlineData("email", null, null)]
    public void A_stored_reports_message_id_is_read_back_from_its_key(string channel, string? key, string? expected) =>
        Assert.Equal(expected, ReportMessageIds.Of(channel, key));

    [Fact]
    public async Task A_known_sender_s_reports_beyond_the_hour_s_limit_are_held_and_flow_again_an_hour_later()
    {
        using var database = await SqliteIntake.CreateAsync();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero));
        var known = new EmailIntakeOptions
        {
            Host = Options.Host, UserName = Options.UserName, KnownSenders = ["@soc.example.invalid"], MaxReportsPerSenderPerHour = 3,
            AuthServId = "mx.committee.example.invalid",
        };
        MimeMessage Mail(int n, string address, string name = "SOC")
        {
            // A fixed Date: MimeKit's default is the wall clock at construction, so a mail built again a second later differed.
            var mail = new MimeMessage
            {
                Subject = $"[TBSC] Cảnh báo {n}", MessageId = $"flood-{n}-{address}", Body = new TextPart("plain") { Text = "x" },
                Date = new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.FromHours(7)).AddMinutes(n),
            };
            mail.From.Add(new MailboxAddress(name, address));
            return mail;
        }

        // Forged mails in the sender's name fail authentication at our server: held as such, and not counted against it.
        for (var n = 1; n <= 4; n++)
        {
            var forged = Mail(100 + n, "truc@soc.example.invalid");
            forged.Headers.Add("Authentication-Results", "mx.committee.example.invalid; spf=fail smtp.mailfrom=soc.example.invalid");
            Assert.StartsWith("Xác thực thư không đạt", await HoldOfAsync(database, await ImportAsync(database, forged, known, clock)), StringComparison.Ordinal);
        }

        // The third mail has a display name longer than the column: the address is kept, and so counted.
        var first = new List<Guid>();
        for (var n = 1; n <= 3; n++)
        {
            first.Add((await ImportAsync(database, Mail(n, "truc@soc.example.invalid", n == 3 ? new string('S', 300) : "SOC"), known, clock)).ReportId);
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        var fourth = await ImportAsync(database, Mail(4, "TRUC@soc.example.invalid"), known, clock);
        var other = await ImportAsync(database, Mail(5, "khac@soc.example.invalid"), known, clock);
        var again = await ImportAsync(database, Mail(4, "TRUC@soc.example.invalid"), known, clock);
        clock.Advance(TimeSpan.FromMinutes(58)); // the first mail is more than an hour old, but the held one counts too
        var stillHeld = await ImportAsync(database, Mail(6, "truc@soc.example.invalid"), known, clock);
        clock.Advance(TimeSpan.FromMinutes(3)); // every mail of that sender is more than an hour old
        var later = await ImportAsync(database, Mail(7, "truc@soc.example.invalid"), known, clock);

        await using var check = database.NewContext();
        var reports = await check.Reports.AsNoTracking().ToDictionaryAsync(r => r.Id, Cancel);
        Assert.All(first, id => Assert.Null(reports[id].HoldReason));
        Assert.EndsWith("<truc@soc.example.invalid>", reports[first[2]].SubmittedByName, StringComparison.Ordinal);
        Assert.Equal(StoredReport.MaxSubmittedByName, reports[first[2]].SubmittedByName.Length);
        Assert.Equal("Người gửi đã gửi 3 báo cáo trong một giờ qua, quá giới hạn 3 / the sender filed 3 reports in the past hour, over the limit of 3",
            reports[fourth.ReportId].HoldReason);
        Assert.Equal((fourth.ReportId, true), (again.ReportId, again.Replayed)); // the same mail read again is the same report
        Assert.Null(reports[other.ReportId].HoldReason);
        Assert.StartsWith("Người gửi đã gửi 3 báo cáo", reports[stillHeld.ReportId].HoldReason, StringComparison.Ordinal); // the 2nd, 3rd and held 4th
        Assert.Null(reports[later.ReportId].HoldReason);
        Assert.Equal(11, reports.Count);
    }

    private static async Task<string?> HoldOfAsync(SqliteIntake database, EmailImporter.Imported imported)
    {
        await using var check = database.NewContext();
        return (await check.Reports.AsNoTracking().SingleAsync(r => r.Id == imported.ReportId, Cancel)).HoldReason;
    }

    private static async Task<EmailImporter.Imported> ImportAsync(SqliteIntake database, MimeMessage message, EmailIntakeOptions? options = null, TimeProvider? clock = null)
    {
        await using var db = database.NewContext();
        var time = clock ?? TimeProvider.System;
        var importer = new EmailImporter(new ReportInbox(db, time), db, Microsoft.Extensions.Options.Options.Create(options ?? Options), time);
        return await importer.ImportAsync(message, "uid:1:1", Cancel);
    }
}
