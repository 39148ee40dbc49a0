using System.Text;
using IncidentResponse.Access.Authorization;
using IncidentResponse.Contracts.Api.Tasks;
using IncidentResponse.ServiceDefaults.Playbooks;
using IncidentResponse.ServiceDefaults.Web;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Incidents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IncidentResponse.Triage.Tasks;

/// <summary>
/// An incident's tasks (<c>/api/v1/incidents/{id}/tasks</c>): whoever reads incidents lists them; coordinators and operators
/// tick one (<c>…/{key}/done</c>, with what was done), reopen it (<c>…/reopen</c>, with why), give it to someone
/// (<c>…/assign</c>) and add their own. A request that changes nothing (ticking a ticked task, the same title again) answers
/// with the task as it is and records nothing.
/// </summary>
public static class TaskEndpoints
{
    public static IEndpointRouteBuilder MapTasks(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var tasks = endpoints.MapGroup("/api/v1/incidents/{id:guid}/tasks").WithTags("Tasks");
        // No Accepts metadata: with it, routing answers another body type with a bare 415 before the endpoint says what it wants.
        tasks.MapGet("/", ListAsync).RequireAuthorization(AccessPolicies.Read).Produces<IncidentTaskList>().ProducesProblem(StatusCodes.Status404NotFound);
        tasks.MapPost("/", AddAsync).RequireAuthorization(AccessPolicies.Manage)
            .Produces<IncidentTaskView>(StatusCodes.Status201Created).Produces<IncidentTaskView>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        tasks.MapPost("/{key}/done", (Guid id, string key, HttpContext http, TriageDbContext db, PlaybookIndex playbooks, TimeProvider time) =>
                ChangeAsync(id, key, http, db, playbooks, time, note => new TaskChange.Done(note)))
            .RequireAuthorization(AccessPolicies.Manage)
            .Produces<IncidentTaskView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        tasks.MapPost("/{key}/reopen", (Guid id, string key, HttpContext http, TriageDbContext db, PlaybookIndex playbooks, TimeProvider time) =>
                ChangeAsync(id, key, http, db, playbooks, time, reason => new TaskChange.Reopen(reason)))
            .RequireAuthorization(AccessPolicies.Manage)
            .Produces<IncidentTaskView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        tasks.MapPost("/{key}/assign", AssignAsync).RequireAuthorization(AccessPolicies.Manage)
            .Produces<IncidentTaskView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<IResult> ListAsync(Guid id, TriageDbContext db, PlaybookIndex playbooks, CancellationToken cancellationToken) =>
        await IncidentTasks.ListAsync(db, playbooks, id, cancellationToken) is { } list ? Results.Ok(list) : Problems.NotFound("incident", id);

    private static async Task<IResult> AddAsync(Guid id, HttpContext http, TriageDbContext db, PlaybookIndex playbooks, TimeProvider time)
    {
        var read = await http.Request.ReadJsonAsync<AddTaskRequest>();
        if (read.Problem is not null)
        {
            return read.Problem;
        }

        var errors = new Dictionary<string, string[]>();
        var titleVi = Text(read.Value!.TitleVi, "titleVi", TaskLimits.MaxTitle, errors);
        if (titleVi is null && !errors.ContainsKey("titleVi"))
        {
            errors["titleVi"] = ["Bắt buộc: việc cần làm, bằng tiếng Việt / required: the task, in Vietnamese"];
        }

        var titleEn = Text(read.Value.TitleEn, "titleEn", TaskLimits.MaxTitle, errors);
        var assignee = Text(read.Value.Assignee, "assignee", TaskLimits.MaxAssignee, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var outcome = await IncidentTasks.AddAsync(db, playbooks, id, titleVi!, titleEn, assignee, IncidentCommands.ActorOf(http), time, http.RequestAborted);
        switch (outcome)
        {
            case TaskOutcome.Applied { Changed: true } added:
                return Results.Created($"/api/v1/incidents/{id}/tasks/{added.Task.Key}", IncidentTasks.View(added.Task));
            case TaskOutcome.Applied same:
                http.Response.Headers["Idempotent-Replayed"] = "true";
                return Results.Ok(IncidentTasks.View(same.Task));
            case TaskOutcome.Full:
                return Problems.Conflict($"Sự cố đã có {TaskLimits.MaxTasks} việc cần làm / the incident already has {TaskLimits.MaxTasks} tasks");
            default:
                return NotFound(outcome);
        }
    }

    private static async Task<IResult> ChangeAsync(
        Guid id, string key, HttpContext http, TriageDbContext db, PlaybookIndex playbooks, TimeProvider time, Func<string?, TaskChange> change)
    {
        string? note = null;
        string? checklist = null;
        if (HasBody(http.Request))
        {
            var read = await http.Request.ReadJsonAsync<TaskDoneRequest>();
            if (read.Problem is not null)
            {
                return read.Problem;
            }

            var errors = new Dictionary<string, string[]>();
            note = Text(read.Value!.Note, "note", TaskLimits.MaxNote, errors, multiline: true);
            checklist = Text(read.Value.Checklist, "checklist", TaskLimits.MaxChecklistName, errors);
            if (errors.Count > 0)
            {
                return Problems.Validation(errors);
            }
        }

        return await ApplyAsync(id, key, http, db, playbooks, time, change(note), checklist);
    }

    private static async Task<IResult> AssignAsync(Guid id, string key, HttpContext http, TriageDbContext db, PlaybookIndex playbooks, TimeProvider time)
    {
        var read = await http.Request.ReadJsonAsync<AssignTaskRequest>();
        if (read.Problem is not null)
        {
            return read.Problem;
        }

        var errors = new Dictionary<string, string[]>();
        var assignee = Text(read.Value!.Assignee, "assignee", TaskLimits.MaxAssignee, errors);
        var checklist = Text(read.Value.Checklist, "checklist", TaskLimits.MaxChecklistName, errors);
        return errors.Count > 0 ? Problems.Validation(errors) : await ApplyAsync(id, key, http, db, playbooks, time, new TaskChange.Assign(assignee), checklist);
    }

    private static async Task<IResult> ApplyAsync(
        Guid id, string key, HttpContext http, TriageDbContext db, PlaybookIndex playbooks, TimeProvider time, TaskChange change, string? checklist)
    {
        if (IncidentTask.ParseKey(key) is null)
        {
            return Problems.NotFound("task", key);
        }

        var outcome = await IncidentTasks.ChangeAsync(db, playbooks, id, key, change, IncidentCommands.ActorOf(http), time, http.RequestAborted, checklist);
        switch (outcome)
        {
            case TaskOutcome.Applied applied:
                if (!applied.Changed)
                {
                    http.Response.Headers["Idempotent-Replayed"] = "true"; // already so: nothing recorded
                }

                return Results.Ok(IncidentTasks.View(applied.Task));
            case TaskOutcome.Stale stale:
                return Problems.Conflict(stale.Current is { } now
                    ? $"Danh sách việc cần làm đã thay đổi (hiện theo hướng dẫn ứng phó {now}); hãy tải lại trang rồi thực hiện lại / the task list changed (now from playbook {now}); reload and try again"
                    : "Danh sách việc cần làm đã thay đổi (hiện không theo hướng dẫn ứng phó nào); hãy tải lại trang rồi thực hiện lại / the task list changed (now from no playbook); reload and try again");
            default:
                return NotFound(outcome);
        }
    }

    private static IResult NotFound(TaskOutcome outcome) => outcome is TaskOutcome.NotFound missing
        ? Problems.NotFound(missing.What, missing.Id)
        : throw new InvalidOperationException(outcome.ToString());

    /// <summary>Whether a note or reason came: ticking needs no body at all.</summary>
    private static bool HasBody(HttpRequest request) => request.ContentLength is > 0 || request.ContentLength is null && request.HasJsonContentType();

    /// <summary>
    /// Trimmed and in Unicode NFC (a title typed with combining marks is the same title), within <paramref name="max"/>. The
    /// invisible characters pasted text carries (a soft hyphen from Word, a zero-width space or direction mark from a web page
    /// or a chat, a byte-order mark) are dropped; control characters (but a note's lines and tabs), bidirectional overrides
    /// and isolates, which make a timeline entry read other than it is, and tag characters, which hide text, are refused.
    /// Null when blank.
    /// </summary>
    private static string? Text(string? value, string field, int max, Dictionary<string, string[]> errors, bool multiline = false)
    {
        var text = value is null ? null : new string([.. value.Where(c => !Dropped(c))]).ReplaceLineEndings("\n").Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        text = text.Normalize(System.Text.NormalizationForm.FormC); // System.Text.Json has refused lone surrogates already
        if (text.Length > max)
        {
            errors[field] = [$"Tối đa {max} ký tự / at most {max} characters"];
        }
        else if (text.EnumerateRunes().Any(r => Rune.IsControl(r) && !(multiline && r.Value is '\n' or '\t') || HiddenCharacters.IsRefused(r.Value)))
        {
            errors[field] = ["Có ký tự điều khiển hoặc ký tự đổi chiều văn bản / contains control or text-direction characters"];
        }

        return text;
    }

    /// <summary>Soft hyphen, zero-width space, word joiner, byte-order mark, left-to-right and right-to-left marks, Arabic letter mark.</summary>
    private static bool Dropped(char c) => c is '\u00AD' or '\u200B' or '\u2060' or '\uFEFF' or '\u200E' or '\u200F' or '\u061C';
}
