namespace IncidentResponse.Notifications.Partners;

/// <summary>A partner unit as written in the directory file.</summary>
public sealed class UnitDefinition
{
    public string Code { get; set; } = "";

    public string NameVi { get; set; } = "";

    public string NameEn { get; set; } = "";

    public string Kind { get; set; } = "";

    /// <summary>
    /// Other names people write for the unit (an owner agency on a report, an ISP): matched like the names,
    /// ignoring case, diacritics and punctuation (<see cref="NameKey"/>).
    /// </summary>
    public List<string> Aliases { get; set; } = [];

    /// <summary>The unit's 24/7 contact point: its channels, tried in order until one delivers.</summary>
    public DutyPointDefinition DutyPoint { get; set; } = new();

    /// <summary>
    /// Where the unit takes part in drills (diễn tập): channels tried in order, in the duty point's language.
    /// None: the unit's drill notices are held (never sent to the duty point).
    /// </summary>
    public List<ChannelDefinition> ExerciseContacts { get; set; } = [];

    internal IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Code) || Code.Length > 40 || !Code.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            yield return "code must be 1–40 lower-case letters, digits or '-'";
        }

        if (string.IsNullOrWhiteSpace(NameVi) || string.IsNullOrWhiteSpace(NameEn))
        {
            yield return "nameVi and nameEn are required";
        }

        if (Aliases.Any(a => NameKey.Of(a).Length == 0))
        {
            yield return "aliases may not be empty";
        }

        if (!UnitKinds.All.Contains(Kind))
        {
            yield return $"kind {Kind} is not one of {string.Join(", ", UnitKinds.All)}";
        }

        foreach (var problem in DutyPoint.Problems())
        {
            yield return problem;
        }

        foreach (var problem in ExerciseContacts.SelectMany(c => c.Problems()))
        {
            yield return "exerciseContacts: " + problem;
        }
    }
}

/// <summary>Where a unit is reached around the clock, in which language.</summary>
public sealed class DutyPointDefinition
{
    public string Language { get; set; } = "vi";

    public string TimeZone { get; set; } = IncidentResponse.Notifications.Channels.Recipient.DefaultTimeZone;

    public List<ChannelDefinition> Channels { get; set; } = [];

    internal IEnumerable<string> Problems()
    {
        if (Language is not ("vi" or "en"))
        {
            yield return "dutyPoint.language must be vi or en";
        }

        if (Channels.Count == 0)
        {
            yield return "dutyPoint needs at least one channel";
        }

        foreach (var problem in Channels.SelectMany(c => c.Problems()))
        {
            yield return "dutyPoint: " + problem;
        }
    }
}
