using IncidentResponse.Contracts.Api.Tasks;
using IncidentResponse.ServiceDefaults.Playbooks;
using IncidentResponse.Testing;
using IncidentResponse.Triage.Tasks;
using IncidentResponse.Triage.Tests.Support;
using IncidentResponse.Triage.Timeline;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Triage.Tests.Tasks;

/// <summary>
/// On PostgreSQL, which holds every column to its length and takes the incident's lock: five first ticks at once keep the
/// checklist once and each tick once, and a task with every field at its longest is kept whole.
/// </summary>
public sealed class TaskPostgresTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private static readonly Actor Officer = new("user:" + new string('x', 250), "Nguyễn Thị Hồng Nhung " + new string('ễ', 250), "web");

    private static readonly PlaybookIndex Playbooks = PlaybookIndex.Load(PlaybookIndex.DefaultDirectory);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task First_ticks_racing_keep_the_checklist_once_and_the_longest_fields_are_kept_whole()
    {
        var database = await PostgresDatabase.CreateAsync(infrastructure, "triage-tasks");
        var incident = await TestIncidents.OpenAsync(() => database.NewContext());
        await using (var db = database.NewContext())
        {
            await db.Incidents.Where(i => i.Id == incident.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.Classification, "availability:ddos"), Cancel);
        }

        var checklist = Playbooks.For("availability:ddos")!.Vi.Checklist.Count;
        var racing = await Task.WhenAll(Enumerable.Range(1, 5).Select(async n =>
        {
            await using var db = database.NewContext();
            return await IncidentTasks.ChangeAsync(db, Playbooks, incident.Id, $"p{n}", new TaskChange.Done($"lần {n}"), Officer, TimeProvider.System, Cancel);
        }));
        Assert.All(racing, r => Assert.True(Assert.IsType<TaskOutcome.Applied>(r).Changed));

        await using (var db = database.NewContext())
        {
            var added = await IncidentTasks.AddAsync(db, Playbooks, incident.Id, new string('Ữ', TaskLimits.MaxTitle), new string('e', TaskLimits.MaxTitle),
                new string('ằ', TaskLimits.MaxAssignee), Officer, TimeProvider.System, Cancel);
            var task = Assert.IsType<TaskOutcome.Applied>(added).Task;
            await IncidentTasks.ChangeAsync(db, Playbooks, incident.Id, task.Key, new TaskChange.Done(new string('ố', TaskLimits.MaxNote)), Officer, TimeProvider.System, Cancel);
        }

        await using var read = database.NewContext();
        var rows = await read.IncidentTasks.AsNoTracking().Where(t => t.IncidentId == incident.Id).ToListAsync(Cancel);
        Assert.Equal(checklist + 1, rows.Count);
        Assert.Equal([1, 2, 3, 4, 5], rows.Where(t => t.DoneAt is not null && t.Source == TaskLimits.FromPlaybook).Select(t => t.Number).Order());
        Assert.All(rows.Where(t => t.Source == TaskLimits.FromPlaybook), t => Assert.Equal("ddos@1.0", t.Playbook));
        var mine = Assert.Single(rows, t => t.Source == TaskLimits.AddedByHand);
        Assert.Equal((new string('Ữ', TaskLimits.MaxTitle), new string('ằ', TaskLimits.MaxAssignee), new string('ố', TaskLimits.MaxNote), 200),
            (mine.TitleVi, mine.Assignee, mine.DoneNote, mine.DoneBy!.Length));
        var kinds = await read.TimelineEntries.AsNoTracking().Where(e => e.IncidentId == incident.Id).Select(e => e.Kind).ToListAsync(Cancel);
        Assert.Equal(6, kinds.Count(k => k == TimelineKinds.TaskDone));
        Assert.Single(kinds, k => k == TimelineKinds.TaskAdded);
    }
}
