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
                return Problems.Conflict(
                    $"Danh sách việc cần làm đã đổi (nay theo {stale.Current ?? "không hướng dẫn nào"}); tải lại trang rồi thực hiện lại / "
                    + $"the task list changed (now {stale.Current ?? "no playbook"}); reload and try again");
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
    /// Trimmed and in Unicode NFC (a title typed with combining marks is the same title), within <paramref name="max"/>, with
    /// no control or invisible formatting characters (a note may have lines): a bidirectional override would show a timeline
    /// entry other than it reads. Null when blank.
    /// </summary>
    private static string? Text(string? value, string field, int max, Dictionary<string, string[]> errors, bool multiline = false)
    {
        var text = value?.ReplaceLineEndings("\n").Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!text.IsNormalized(System.Text.NormalizationForm.FormC))
        {
            try
            {
                text = text.Normalize(System.Text.NormalizationForm.FormC);
            }
            catch (ArgumentException)
            {
                errors[field] = ["Văn bản Unicode không hợp lệ / invalid Unicode text"];
                return null;
            }
        }

        if (text.Length > max)
        {
            errors[field] = [$"Tối đa {max} ký tự / at most {max} characters"];
        }
        else if (text.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\t') || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format))
        {
            errors[field] = ["Có ký tự điều khiển hoặc ký tự ẩn / contains control or invisible formatting characters"];
        }

        return text;
    }
}
