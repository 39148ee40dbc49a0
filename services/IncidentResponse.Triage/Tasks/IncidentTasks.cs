using IncidentResponse.Contracts.Api.Tasks;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Playbooks;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Incidents;
using IncidentResponse.Triage.Timeline;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Triage.Tasks;

/// <summary>What a person asks of one task.</summary>
public abstract record TaskChange
{
    public sealed record Done(string? Note) : TaskChange;

    public sealed record Reopen(string? Reason) : TaskChange;

    public sealed record Assign(string? Assignee) : TaskChange;
}

/// <summary>What became of a request on an incident's tasks.</summary>
public abstract record TaskOutcome
{
    /// <summary>Applied (<paramref name="Changed"/>), or already so: nothing recorded twice.</summary>
    public sealed record Applied(IncidentTask Task, bool Changed) : TaskOutcome;

    public sealed record NotFound(string What, object Id) : TaskOutcome;

    public sealed record Full : TaskOutcome;

    /// <summary>The change named a checklist (<c>slug@version</c>) other than the one the list has now (<paramref name="Current"/>).</summary>
    public sealed record Stale(string? Current) : TaskOutcome;
}

/// <summary>
/// An incident's task list. Until someone acts on it, it is the checklist of the incident's playbook as the playbooks read
/// now (nothing is written when an incident opens: a report's path stays as it was); the first action keeps the whole
/// checklist, with the playbook's slug and version, in the same transaction as the action and its timeline entry, under
/// the incident's lock (the timeline's writers line up on it). A later change of classification or playbook leaves a kept
/// list as it is.
/// </summary>
public static class IncidentTasks
{
    public static async Task<IncidentTaskList?> ListAsync(TriageDbContext db, PlaybookIndex playbooks, Guid incidentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(playbooks);
        var incident = await db.Incidents.AsNoTracking().Where(i => i.Id == incidentId)
            .Select(i => new { i.Classification, i.Title }).FirstOrDefaultAsync(cancellationToken);
        if (incident is null)
        {
            return null;
        }

        var kept = await db.IncidentTasks.AsNoTracking().Where(t => t.IncidentId == incidentId).ToListAsync(cancellationToken);
        if (kept.FirstOrDefault(t => t.Source == TaskLimits.FromPlaybook) is { } first)
        {
            var (slug, version) = SplitChecklist(first.Playbook);
            return List(playbooks, slug, version, kept: true, Ordered(kept));
        }

        // The checklist is not stored: the playbook's items as the first change will store them, then any added by hand.
        var playbook = playbooks.For(incident.Classification, incident.Title);
        var proposed = playbook is null ? [] : FromPlaybook(playbook, incidentId, addedBy: null, at: default);
        return List(playbooks, playbook?.Slug, playbook?.Version, kept: playbook is null && kept.Count > 0 || playbook is not null && proposed.Count == 0 && kept.Count > 0,
            [.. proposed, .. Ordered(kept)]);
    }

    /// <summary>
    /// Ticks, reopens or gives <paramref name="key"/> to someone; keeps the list first if nobody had acted on it. With
    /// <paramref name="checklist"/> (the <c>slug@version</c> the reader saw), a list from another one is
    /// <see cref="TaskOutcome.Stale"/> and nothing changes.
    /// </summary>
    public static Task<TaskOutcome> ChangeAsync(
        TriageDbContext db, PlaybookIndex playbooks, Guid incidentId, string key, TaskChange change, Actor actor, TimeProvider time, CancellationToken cancellationToken,
        string? checklist = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(time);
        return UnderLockAsync(db, playbooks, incidentId, actor, time, (incident, tasks, now) =>
        {
            if (checklist is not null)
            {
                // The page was read before a reclassification or a new version of the playbook: "p2" may now be another task.
                var current = tasks.FirstOrDefault(t => t.Source == TaskLimits.FromPlaybook)?.Playbook;
                if (!string.Equals(current, checklist, StringComparison.Ordinal))
                {
                    return new TaskOutcome.Stale(current);
                }
            }

            var task = tasks.FirstOrDefault(t => t.Key == key);
            if (task is null)
            {
                return new TaskOutcome.NotFound("task", key);
            }

            if (!Apply(db, incident, task, change, actor, now))
            {
                if (db.Entry(task).State == EntityState.Added)
                {
                    task.AddedBy = ""; // not stored: nobody added it yet
                    task.AddedAt = default;
                }

                return new TaskOutcome.Applied(task, Changed: false);
            }

            return new TaskOutcome.Applied(task, Changed: true);
        }, cancellationToken);
    }

    /// <summary>
    /// Adds a task by hand after the playbook's; the same title again (a retry, two people typing the same thing) answers
    /// with the task already there.
    /// </summary>
    public static Task<TaskOutcome> AddAsync(
        TriageDbContext db, PlaybookIndex playbooks, Guid incidentId, string titleVi, string? titleEn, string? assignee, Actor actor, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(time);
        return UnderLockAsync(db, playbooks, incidentId, actor, time, (incident, tasks, now) =>
        {
            if (tasks.FirstOrDefault(t => t.Source == TaskLimits.AddedByHand && string.Equals(t.TitleVi, titleVi, StringComparison.Ordinal)) is { } same)
            {
                return new TaskOutcome.Applied(same, Changed: false);
            }

            if (tasks.Count >= TaskLimits.MaxTasks)
            {
                return new TaskOutcome.Full();
            }

            var task = new IncidentTask
            {
                Id = RowIds.Next(), IncidentId = incidentId, Source = TaskLimits.AddedByHand,
                Number = 1 + tasks.Where(t => t.Source == TaskLimits.AddedByHand).Select(t => t.Number).DefaultIfEmpty().Max(),
                TitleVi = titleVi, TitleEn = titleEn, Assignee = assignee, AddedBy = Fit(actor.Name, 200), AddedAt = now,
            };
            db.IncidentTasks.Add(task);
            var to = assignee is null ? ("", "") : ($", giao cho {assignee}", $", given to {assignee}");
            db.Append(incident, TimelineKinds.TaskAdded, actor, now, $"Thêm việc cần làm \"{titleVi}\"{to.Item1}", $"Task added: \"{titleEn ?? titleVi}\"{to.Item2}",
                new { task = task.Key, titleVi, titleEn, assignee });
            return new TaskOutcome.Applied(task, Changed: true);
        }, cancellationToken);
    }

    /// <summary>
    /// One change of an incident's tasks under its lock (the timeline's writers line up on it), tried again on a lost race:
    /// the incident read, its checklist kept if it was not, then <paramref name="act"/>; only a change (an applied
    /// <see cref="TaskOutcome.Applied.Changed"/>) is saved, anything else writes nothing, not even the checklist.
    /// </summary>
    private static Task<TaskOutcome> UnderLockAsync(
        TriageDbContext db, PlaybookIndex playbooks, Guid incidentId, Actor actor, TimeProvider time,
        Func<Incident, List<IncidentTask>, DateTimeOffset, TaskOutcome> act, CancellationToken cancellationToken) =>
        db.RetryOnConflictAsync<TaskOutcome>(async () =>
        {
            await using var locked = await db.LockIncidentAsync(incidentId, cancellationToken);
            var incident = await db.Incidents.FirstOrDefaultAsync(i => i.Id == incidentId, cancellationToken);
            if (incident is null)
            {
                return new TaskOutcome.NotFound("incident", incidentId);
            }

            var now = TimelineHasher.ToStoredPrecision(time.GetUtcNow());
            var outcome = act(incident, await KeepAsync(db, playbooks, incident, actor, now, cancellationToken), now);
            if (outcome is not TaskOutcome.Applied { Changed: true })
            {
                db.ChangeTracker.Clear();
                return outcome;
            }

            await db.SaveChangesAsync(cancellationToken);
            if (locked is not null)
            {
                await locked.CommitAsync(cancellationToken);
            }

            return outcome;
        }, cancellationToken);

    public static IncidentTaskView View(IncidentTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new IncidentTaskView(task.Key, task.Source, task.TitleVi, task.TitleEn, task.Assignee, task.DoneAt, task.DoneBy, task.DoneNote,
            task.AddedAt == default ? null : task.AddedBy, task.AddedAt == default ? null : task.AddedAt);
    }

    /// <summary>The incident's kept tasks, tracked; when none are kept, its playbook's checklist added to the context first.</summary>
    private static async Task<List<IncidentTask>> KeepAsync(
        TriageDbContext db, PlaybookIndex playbooks, Incident incident, Actor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var tasks = await db.IncidentTasks.Where(t => t.IncidentId == incident.Id).ToListAsync(cancellationToken);
        if (tasks.Any(t => t.Source == TaskLimits.FromPlaybook) || playbooks.For(incident.Classification, incident.Title) is not { } playbook)
        {
            return tasks;
        }

        var checklist = FromPlaybook(playbook, incident.Id, Fit(actor.Name, 200), now);
        db.IncidentTasks.AddRange(checklist);
        return [.. checklist, .. tasks];
    }

    private static List<IncidentTask> FromPlaybook(Playbook playbook, Guid incidentId, string? addedBy, DateTimeOffset at)
    {
        var from = $"{playbook.Slug}@{playbook.Version}"; // at most TaskLimits.MaxChecklistName: the playbook index checks it
        return [.. playbook.Vi.Checklist.Select((title, i) => new IncidentTask
        {
            Id = addedBy is null ? Guid.Empty : RowIds.Next(), IncidentId = incidentId, Source = TaskLimits.FromPlaybook, Number = i + 1,
            TitleVi = title, TitleEn = i < playbook.En.Checklist.Count ? playbook.En.Checklist[i] : null, Playbook = from,
            AddedBy = addedBy ?? "", AddedAt = at,
        })];
    }

    private static bool Apply(TriageDbContext db, Incident incident, IncidentTask task, TaskChange change, Actor actor, DateTimeOffset now)
    {
        var data = new { task = task.Key, titleVi = task.TitleVi, playbook = task.Playbook };
        var en = task.TitleEn ?? task.TitleVi;
        switch (change)
        {
            case TaskChange.Done done when task.DoneAt is null:
                task.DoneAt = now;
                task.DoneBy = Fit(actor.Name, 200);
                task.DoneNote = done.Note;
                var said = done.Note is null ? ("", "") : ($": {done.Note}", $": {done.Note}");
                db.Append(incident, TimelineKinds.TaskDone, actor, now, $"Hoàn thành việc \"{task.TitleVi}\"{said.Item1}", $"Task done: \"{en}\"{said.Item2}",
                    new { data.task, data.titleVi, data.playbook, note = done.Note });
                return true;
            case TaskChange.Reopen reopen when task.DoneAt is not null:
                var doneBy = task.DoneBy;
                task.DoneAt = null;
                task.DoneBy = null;
                task.DoneNote = null;
                var why = reopen.Reason is null ? ("", "") : ($": {reopen.Reason}", $": {reopen.Reason}");
                db.Append(incident, TimelineKinds.TaskReopened, actor, now, $"Mở lại việc \"{task.TitleVi}\" ({doneBy} đã đánh dấu hoàn thành){why.Item1}",
                    $"Task reopened: \"{en}\" (marked done by {doneBy}){why.Item2}", new { data.task, data.titleVi, data.playbook, reason = reopen.Reason, doneBy });
                return true;
            case TaskChange.Assign assign when !string.Equals(task.Assignee, assign.Assignee, StringComparison.Ordinal):
                var before = task.Assignee;
                task.Assignee = assign.Assignee;
                var (vi, english) = assign.Assignee is null
                    ? ($"Thôi giao việc \"{task.TitleVi}\" cho {before}", $"Task \"{en}\" no longer given to {before}")
                    : ($"Giao việc \"{task.TitleVi}\" cho {assign.Assignee}", $"Task \"{en}\" given to {assign.Assignee}");
                db.Append(incident, TimelineKinds.TaskAssigned, actor, now, vi, english, new { data.task, data.titleVi, data.playbook, assignee = assign.Assignee, before });
                return true;
            default:
                return false;
        }
    }

    private static IncidentTaskList List(PlaybookIndex playbooks, string? slug, string? version, bool kept, IReadOnlyList<IncidentTask> tasks)
    {
        var installed = slug is null ? null : playbooks.Find(slug);
        var checklist = tasks.FirstOrDefault(t => t.Source == TaskLimits.FromPlaybook)?.Playbook;
        return new(slug, version, installed?.Vi.Title, installed?.En.Title, kept, tasks.Count(t => t.DoneAt is not null), [.. tasks.Select(View)], checklist);
    }

    /// <summary><c>ddos@1.0</c> read back as its slug and version.</summary>
    private static (string? Slug, string? Version) SplitChecklist(string? name)
    {
        var at = name?.LastIndexOf('@') ?? -1;
        return at > 0 ? (name![..at], name[(at + 1)..]) : (name, null);
    }

    private static List<IncidentTask> Ordered(IEnumerable<IncidentTask> tasks) =>
        [.. tasks.OrderBy(t => t.Source == TaskLimits.FromPlaybook ? 0 : 1).ThenBy(t => t.Number)];

    private static string Fit(string value, int max) => ColumnText.Fit(value, max);
}
