namespace IncidentResponse.Triage.Policy;

/// <summary>
/// A test over a report's facts, written in rule files. Every field given must hold (a list holds
/// when any of its values matches); <see cref="Any"/> holds when one of its conditions does.
/// </summary>
public sealed class Condition
{
    public List<string>? Classes { get; set; }

    public List<string>? Classifications { get; set; }

    public int? MinSecurityLevel { get; set; }

    public bool? Serious { get; set; }

    public bool? PersonalData { get; set; }

    public bool? ServiceInterrupted { get; set; }

    public bool? OwnerCanHandle { get; set; }

    /// <summary>The incident may harm national security or public order (an unknown fact never matches).</summary>
    public bool? NationalSecurityOrPublicOrder { get; set; }

    /// <summary>State secrets may have been disclosed (an unknown fact never matches).</summary>
    public bool? StateSecrets { get; set; }

    /// <summary>The incident is likely to spread to other level 4–5 systems (an unknown fact never matches).</summary>
    public bool? MaySpread { get; set; }

    public List<string>? Functional { get; set; }

    public List<string>? Information { get; set; }

    public List<string>? Recoverability { get; set; }

    public List<Condition>? Any { get; set; }

    public bool Matches(TriageFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return Holds(facts, possibly: false);
    }

    /// <summary>
    /// Whether the condition would hold if every yes/no fact the reporter left unknown were as it asks (the
    /// classification, level and impact scales count as they are): what the serious-incident test cannot rule out.
    /// </summary>
    public bool CouldMatch(TriageFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return Holds(facts, possibly: true);
    }

    private bool Holds(TriageFacts facts, bool possibly)
    {
        if (possibly)
        {
            facts = facts with
            {
                ServiceInterrupted = facts.ServiceInterrupted ?? ServiceInterrupted,
                OwnerCanHandle = facts.OwnerCanHandle ?? OwnerCanHandle,
                PersonalData = facts.PersonalData ?? PersonalData,
                NationalSecurityOrPublicOrder = facts.NationalSecurityOrPublicOrder ?? NationalSecurityOrPublicOrder,
                StateSecrets = facts.StateSecrets ?? StateSecrets,
                MaySpread = facts.MaySpread ?? MaySpread,
            };
        }

        return (Classes is null || Classes.Contains(facts.Class))
            && (Classifications is null || Classifications.Contains(facts.Classification))
            && (MinSecurityLevel is null || facts.SecurityLevel >= MinSecurityLevel)
            && (Serious is null || facts.Serious == Serious)
            && (PersonalData is null || facts.PersonalData == PersonalData)
            && (ServiceInterrupted is null || facts.ServiceInterrupted == ServiceInterrupted)
            && (OwnerCanHandle is null || facts.OwnerCanHandle == OwnerCanHandle)
            && (NationalSecurityOrPublicOrder is null || facts.NationalSecurityOrPublicOrder == NationalSecurityOrPublicOrder)
            && (StateSecrets is null || facts.StateSecrets == StateSecrets)
            && (MaySpread is null || facts.MaySpread == MaySpread)
            && (Functional is null || (facts.Functional is not null && Functional.Contains(facts.Functional)))
            && (Information is null || (facts.Information is not null && Information.Contains(facts.Information)))
            && (Recoverability is null || (facts.Recoverability is not null && Recoverability.Contains(facts.Recoverability)))
            && (Any is null || Any.Any(c => c.Holds(facts, possibly)));
    }
}
