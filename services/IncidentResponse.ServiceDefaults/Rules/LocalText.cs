namespace IncidentResponse.ServiceDefaults.Rules;

/// <summary>A text in Vietnamese (first) and English, as rule files and messages carry it.</summary>
public sealed class LocalText
{
    public string Vi { get; set; } = "";

    public string En { get; set; } = "";

    public override string ToString() => $"{Vi} / {En}";
}
