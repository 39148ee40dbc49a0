namespace IncidentResponse.ServiceDefaults.Partners;

/// <summary>
/// A role's rules that name units and people of the partner directory (escalation policies and on-call schedules, the
/// periodic reports' rules). Where the directory is kept (the notifications role) they are checked at start against it,
/// so that a typo in a new rules version is reported when it is deployed, not found when an alert reaches nobody.
/// </summary>
public interface IRuleReferences
{
    /// <summary>
    /// What the rules name that is not in <paramref name="units"/> or <paramref name="people"/> (every code the directory has
    /// ever held, retired ones too): one sentence per rules book or file, naming the files and each code; empty when all are known.
    /// </summary>
    IReadOnlyList<string> Problems(IReadOnlySet<string> units, IReadOnlySet<string> people);
}
