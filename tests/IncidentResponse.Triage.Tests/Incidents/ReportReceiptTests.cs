using IncidentResponse.Contracts.Reports;
using IncidentResponse.Testing;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Incidents;
using IncidentResponse.Triage.Policy;
using IncidentResponse.Triage.Tests.Support;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Triage.Tests.Incidents;

/// <summary>
/// QĐ 05 Điều 12 — whoever receives a report confirms it: triage asks for one receipt per report that owes it (a legal
/// initial report with a reply address, by default), naming the incident it was filed under, in the batch's transaction,
/// and never again for a report triaged before; <c>Triage:Receipts</c> widens or stops it.
/// </summary>
public sealed class ReportReceiptTests
{
    [Fact]
    public async Task A_legal_report_gets_one_receipt_naming_its_incident_and_an_ordinary_one_or_one_without_address_none()
    {
        using var database = await SqliteDatabase.CreateAsync();
        await using var services = Services(() => database.NewContext(), new TriageOptions());
        var at = TimeProvider.System.GetUtcNow();
        var legal = Received("Cổng dịch vụ công", at, legal: true) with { MessageId = "m2@reporter.example.invalid" };
        var correlated = Received("Cổng dịch vụ công", at.AddSeconds(1), legal: true, email: null, contactEmail: "lienhe@example.invalid")
            with { MessageId = "m3@reporter.example.invalid" };
        var ordinary = Received("Hệ thống thư điện tử", at.AddSeconds(2), legal: false);
        var anonymous = Received("Cổng thông tin", at.AddSeconds(3), legal: true, email: "  ");

        await TriageAsync(services, [legal, correlated, ordinary, anonymous, legal]);
        await TriageAsync(services, [legal, correlated]); // announced again: answered again, not receipted again

        await using var db = database.NewContext();
        var receipts = await Outbox.ReadAsync<SendReportReceipt>(db);
        Assert.Equal([legal.ReportId, correlated.ReportId], receipts.Select(r => r.ReportId));
        var answers = (await Outbox.ReadAsync<ReportsTriaged>(db)).SelectMany(a => a.Reports).Where(a => a.ReportId == legal.ReportId).ToList();
        Assert.All(receipts, r => Assert.Equal((answers[0].IncidentId, answers[0].IncidentNumber), (r.IncidentId, r.IncidentNumber)));
        Assert.Equal(("a@example.invalid", false, "Nguyễn Văn A", "Trung tâm Hành chính công"), (receipts[0].To, receipts[0].Correlated, receipts[0].ReporterName, receipts[0].Organization));
        // No reporter e-mail: the contact's, addressed to the contact.
        Assert.Equal(("lienhe@example.invalid", true, "Trần Thị B"), (receipts[1].To, receipts[1].Correlated, receipts[1].ReporterName));
        Assert.All(receipts, r => Assert.Equal(("AMBER", "api", true, false), (r.Tlp, r.Channel, r.LegalInitialReport, r.Drill)));
        Assert.Equal(legal.ReceivedAt, receipts[0].ReceivedAt);
        Assert.Equal(legal.Report.Title, receipts[0].Title);
        // The mail it answers, when it came by mail, for its sender only (the contact person never had that mail).
        Assert.Equal(["m2@reporter.example.invalid", null], receipts.Select(r => r.InReplyTo));
    }

    [Theory]
    [InlineData(ReportReceipts.All, 2)]
    [InlineData(ReportReceipts.None, 0)]
    public async Task Receipts_all_covers_every_report_with_an_address_and_none_stops_them(string mode, int expected)
    {
        using var database = await SqliteDatabase.CreateAsync();
        await using var services = Services(() => database.NewContext(), new TriageOptions { Receipts = mode });
        var at = TimeProvider.System.GetUtcNow();

        await TriageAsync(services, [Received("Cổng dịch vụ công", at, legal: true), Received("Hệ thống thư điện tử", at.AddSeconds(1), legal: false)]);

        await using var db = database.NewContext();
        Assert.Equal(expected, (await Outbox.ReadAsync<SendReportReceipt>(db)).Count);
    }

    [Theory]
    [InlineData("a@example.invalid", "a@example.invalid")]
    [InlineData("  Nguyễn Văn A <a@example.invalid> ", "a@example.invalid")] // the display name is not the address
    [InlineData("khong-phai-dia-chi", null)]
    [InlineData("@example.invalid", null)]
    public void A_receipt_goes_to_the_bare_mailbox_of_the_reply_address(string given, string? expected) =>
        Assert.Equal(expected, ReportReceipts.Address(given));

    [Fact]
    public void A_display_name_as_long_as_a_report_field_still_leaves_one_short_address_and_an_overlong_one_none()
    {
        Assert.Equal("a@example.invalid", ReportReceipts.Address($"\"{new string('x', 450)}\" <a@example.invalid>"));
        Assert.Null(ReportReceipts.Address(new string('x', 250) + "@example.invalid"));
    }

    private static ReportReceived Received(string system, DateTimeOffset at, bool legal, string? email = "a@example.invalid", string? contactEmail = null)
    {
        var report = SampleReports.DdosAsAnnounced(system);
        return new(NewId.NextGuid(), at, "api", "Trung tâm Hành chính công", report with
        {
            IsLegalInitialReport = legal,
            Reporter = report.Reporter! with { Email = email },
            Contact = contactEmail is null ? null : new ContactPerson("Trần Thị B", "Chuyên viên", null, contactEmail),
        });
    }

    private static async Task TriageAsync(IServiceProvider services, IReadOnlyCollection<ReportReceived> messages)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReportTriage>().TriageAsync(messages, TestContext.Current.CancellationToken);
    }

    private static ServiceProvider Services(Func<TriageDbContext> newContext, TriageOptions options) => new ServiceCollection()
        .AddSingleton(TimeProvider.System)
        .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
        .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
        .AddSingleton(Options.Create(options))
        .AddSingleton(ShippedRules.RuleBook)
        .AddSingleton<IncidentNumbers>()
        .AddScoped<ReportTriage>()
        .AddScoped(_ => newContext())
        .BuildServiceProvider();
}
