namespace IncidentResponse.Triage.Timeline;

/// <summary>Who did something, for the record.</summary>
public sealed record Actor(string Id, string Name, string Channel)
{
    public static Actor System { get; } = new("system:triage", "Hệ thống phân loại / triage", "system");
}
