namespace IncidentResponse.Contracts.Vocabulary;

/// <summary>The states of a legal deadline's clock.</summary>
public static class ClockStates
{
    public const string Running = "running";
    public const string Stopped = "stopped";
    public const string Done = "done";

    public static IReadOnlyList<string> All { get; } = [Running, Stopped, Done];
}
