namespace IncidentResponse.Contracts.Api.Tasks;

/// <summary>An incident's task list's limits, shared by the API, the playbooks it is made from and the console.</summary>
public static class TaskLimits
{
    /// <summary>A task's title in either language (a playbook's checklist item too).</summary>
    public const int MaxTitle = 500;

    /// <summary>Who a task is given to: a person and their unit.</summary>
    public const int MaxAssignee = 200;

    /// <summary>What was done, said when ticking it (who at the telecom took the call, the ticket number).</summary>
    public const int MaxNote = 2000;

    /// <summary>The most tasks one incident may hold (its playbook's and those added by hand).</summary>
    public const int MaxTasks = 200;

    /// <summary>The most items a playbook's checklist may have.</summary>
    public const int MaxChecklistItems = 100;

    /// <summary>The longest <c>slug@version</c> a checklist may be kept under.</summary>
    public const int MaxChecklistName = 120;

    /// <summary>A task from the incident's playbook.</summary>
    public const string FromPlaybook = "playbook";

    /// <summary>A task added by a person.</summary>
    public const string AddedByHand = "manual";
}
