using IncidentResponse.Contracts.Reports;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Testing;
using IncidentResponse.Triage.Incidents;
using IncidentResponse.Triage.Policy;
using IncidentResponse.Triage.Tests.Support;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Triage.Tests.Incidents;

/// <summary>
/// Legal duties as stored records: their states, the closing report that falls due when the response ends
/// (the other duties keep theirs), a duty past due when it is created, and an earlier detection time learned later.
/// </summary>
public sealed class DutyTests
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);
    private static readonly DateTimeOffset Detected = new(2026, 11, 25, 10, 0, 0, Vietnam);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Incident Incident(params (string Kind, double Hours, string State)[] duties)
    {
        var incident = new Incident
        {
            Id = NewId.NextGuid(), Number = "SC-2026-00042", Title = "Lộ lọt dữ liệu", Classification = "information-content-security:data-leak",
            Status = "containment", Tlp = "AMBER", Fingerprint = "f", PolicyVersion = "2026.1", Regime = "vn-2026-07", Assessment = "{}", DetectedAt = Detected,
        };
        foreach (var (kind, hours, state) in duties)
        {
            incident.Deadlines.Add(new IncidentDeadline
            {
                IncidentId = incident.Id, Kind = kind, DueAt = Detected.AddHours(hours), Regime = "vn-2026-07", NameVi = kind, NameEn = kind, Basis = "b",
                Recipients = "a05", State = state,
            });
        }

        return incident;
    }

    [Fact]
    public void Ending_the_response_adds_the_closing_report_due_5_days_later_and_keeps_every_other_duty_as_it_was()
    {
        var incident = Incident(("personal-data-notice", 72, DutyStates.Due), ("incident-notice", 120, DutyStates.Submitted), ("police-report", 0, DutyStates.Waived));
        incident.Status = Lifecycle.Closed;
        var ended = Detected.AddHours(2);

        Assert.True(Duties.ResponseEnded(incident, ShippedRules.Regimes, ended));

        var closing = incident.Deadlines.Single(d => d.Kind == "mau-04-closing-report");
        Assert.Equal(ended.AddDays(5), closing.DueAt);
        Assert.Equal(DutyStates.Due, Duties.StateAt(closing, ended));
        Assert.Equal(ended, closing.CreatedAt);
        Assert.Equal(
            [("personal-data-notice", DutyStates.Due), ("incident-notice", DutyStates.Submitted), ("police-report", DutyStates.Waived)],
            incident.Deadlines.Where(d => d != closing).Select(d => (d.Kind, d.State)));
        Assert.True(Duties.AwaitingClosingReport(incident, ShippedRules.Regimes));
        Assert.Null(Duties.ClosingRecordedAt(incident, ShippedRules.Regimes));
        Assert.True(Duties.IsClosingReport(closing, ShippedRules.Regimes));
        Assert.False(Duties.IsClosingReport(incident.Deadlines[0], ShippedRules.Regimes));
    }

    [Fact]
    public void Closing_again_after_a_reopen_moves_the_open_closing_report_to_the_new_end()
    {
        var incident = Incident();
        Duties.ResponseEnded(incident, ShippedRules.Regimes, Detected.AddHours(2));

        Duties.ResponseEnded(incident, ShippedRules.Regimes, Detected.AddDays(3));

        Assert.Equal(Detected.AddDays(8), incident.Deadlines.Single().DueAt);
    }

    [Fact]
    public void Reopening_sets_an_unsubmitted_closing_report_aside_and_closing_again_makes_it_due_from_the_new_end()
    {
        var incident = Incident(("personal-data-notice", 72, DutyStates.Due));
        Duties.ResponseEnded(incident, ShippedRules.Regimes, Detected.AddHours(2));

        Assert.True(Duties.ResponseResumed(incident, ShippedRules.Regimes, Detected.AddHours(5)));

        var closing = incident.Deadlines.Single(d => d.Kind == "mau-04-closing-report");
        Assert.Equal(DutyStates.Waived, closing.State);
        Assert.Equal(Duties.ReopeningActor, closing.WaivedBy);
        Assert.Equal(DutyStates.Due, incident.Deadlines.Single(d => d.Kind == "personal-data-notice").State); // other duties keep theirs
        incident.Status = Lifecycle.Closed;

        Assert.True(Duties.ResponseEnded(incident, ShippedRules.Regimes, Detected.AddDays(3)));

        Assert.Equal(DutyStates.Due, closing.State);
        Assert.Null(closing.WaivedBy);
        Assert.Equal(Detected.AddDays(8), closing.DueAt);
        Assert.True(Duties.AwaitingClosingReport(incident, ShippedRules.Regimes));
    }

    [Fact]
    public void A_closing_report_submitted_before_a_reopening_is_owed_again_when_the_incident_closes_again()
    {
        var incident = Incident();
        incident.Status = Lifecycle.Closed;
        Duties.ResponseEnded(incident, ShippedRules.Regimes, Detected.AddHours(2));
        var closing = incident.Deadlines.Single();
        closing.State = DutyStates.Submitted;
        closing.SubmittedAt = Detected.AddDays(1);
        closing.SubmittedBy = "Văn thư";
        Assert.Equal(Detected.AddDays(1), Duties.ClosingRecordedAt(incident, ShippedRules.Regimes));

        Assert.False(Duties.ResponseResumed(incident, ShippedRules.Regimes, Detected.AddDays(2))); // a submitted one stays submitted
        Assert.True(Duties.ResponseEnded(incident, ShippedRules.Regimes, Detected.AddDays(4)));

        Assert.Equal(DutyStates.Due, closing.State);
        Assert.Null(closing.SubmittedAt);
        Assert.Equal(Detected.AddDays(9), closing.DueAt);
        Assert.Null(Duties.ClosingRecordedAt(incident, ShippedRules.Regimes));
    }

    [Fact]
    public void A_duty_already_past_due_when_it_is_created_reads_overdue_at_once()
    {
        // A report filed four days after detection: the 72-hour notice is a day late when the duty is recorded.
        var incident = Incident();
        var filed = Detected.AddDays(4);
        var facts = Facts.Of("information-content-security:data-leak", personalData: true);

        Duties.Merge(incident, DeadlineCalculator.Compute(ShippedRules.Regimes, facts, Detected).Deadlines, filed);

        var notice = incident.Deadlines.Single(d => d.Kind == "personal-data-notice");
        Assert.Equal(DutyStates.Overdue, Duties.StateAt(notice, filed));
        Assert.Equal(DutyStates.Due, notice.State); // overdue is read, not stored
        Assert.Equal(DutyStates.Due, Duties.StateAt(incident.Deadlines.Single(d => d.Kind == "incident-notice"), filed));
    }

    [Fact]
    public void The_state_other_services_keep_says_when_a_duty_was_submitted()
    {
        var incident = Incident(("incident-notice", 24, DutyStates.Submitted), ("personal-data-notice", 72, DutyStates.Due));
        incident.Deadlines[0].SubmittedAt = Detected.AddHours(25);

        var state = IncidentState.Of(incident, Detected.AddDays(2));

        Assert.Equal(
            [("incident-notice", DutyStates.Submitted, (DateTimeOffset?)Detected.AddHours(25)), ("personal-data-notice", DutyStates.Due, null)],
            state.Deadlines.Select(d => (d.Id, d.State, d.SubmittedAt)));
    }

    [Fact]
    public void Submitted_and_waived_duties_never_read_overdue()
    {
        var incident = Incident(("a", 0, DutyStates.Submitted), ("b", 0, DutyStates.Waived), ("c", 0, DutyStates.Due));

        Assert.Equal([DutyStates.Submitted, DutyStates.Waived, DutyStates.Overdue], incident.Deadlines.Select(d => Duties.StateAt(d, Detected.AddDays(1))));
        Assert.Equal(["a", "b", "c"], incident.Deadlines.Select(d => Duties.View(d, incident, Detected).Id));
    }

    [Fact]
    public async Task An_earlier_detection_time_learned_from_a_later_report_moves_the_due_times_of_open_duties()
    {
        using var database = await SqliteDatabase.CreateAsync();
        await using var services = Services(() => database.NewContext());
        var first = Received(SampleReports.DdosAsAnnounced("Cổng dịch vụ công") with { DetectedAt = Detected }, Detected.AddHours(1));
        await TriageAsync(services, [first]);
        var earlier = Detected.AddHours(-30);
        var second = Received(SampleReports.DdosAsAnnounced("Cổng dịch vụ công") with { DetectedAt = earlier }, Detected.AddHours(2));

        await TriageAsync(services, [second]);

        await using var db = database.NewContext();
        var incident = await db.Incidents.AsNoTracking().Include(i => i.Deadlines).SingleAsync(Cancel);
        Assert.Equal(2, incident.ReportCount);
        Assert.Equal(earlier, incident.DetectedAt);
        var due = incident.Deadlines.ToDictionary(d => d.Kind, d => d.DueAt);
        Assert.Equal(earlier.AddHours(24), due["serious-initial-notice"]);
        Assert.Equal(earlier.AddHours(72), due["serious-full-report"]);
        Assert.Equal(earlier.AddDays(5), due["incident-notice"]);
    }

    private static ReportReceived Received(IncidentReport report, DateTimeOffset at) => new(NewId.NextGuid(), at, "api", "Trung tâm Hành chính công", report);

    private static async Task TriageAsync(IServiceProvider services, IReadOnlyCollection<ReportReceived> messages)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReportTriage>().TriageAsync(messages, Cancel);
    }

    private static ServiceProvider Services(Func<IncidentResponse.Triage.Data.TriageDbContext> newContext) => new ServiceCollection()
        .AddSingleton(TimeProvider.System)
        .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
        .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
        .AddSingleton(Options.Create(new TriageOptions()))
        .AddSingleton(ShippedRules.RuleBook)
        .AddSingleton<IncidentNumbers>()
        .AddSingleton<TriageBatcher>()
        .AddScoped<ReportTriage>()
        .AddScoped(_ => newContext())
        .BuildServiceProvider();
}
