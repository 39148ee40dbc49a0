namespace IncidentResponse.Contracts.Escalation;

/// <summary>
/// Whom one escalation step pages: a person of the directory (<c>person</c>, e.g. the on-call of a
/// unit's schedule), a unit's duty point (<c>unit</c>) or a signed webhook (<c>webhook</c>).
/// <para><c>Kind</c>: <c>person</c>, <c>unit</c> or <c>webhook</c>.</para>
/// <para><c>Id</c>: The person's id, the unit's code or the webhook's URL.</para>
/// <para><c>SecretRef</c>: For a webhook: the name of its signing secret in configuration.</para>
/// <para><c>ResolvedFrom</c>: How the target was found, e.g. <c>oncall:vnpt-bn/primary</c>; null when named directly.</para>
/// <para><c>Channels</c>: The channels the step pages the target on, in order (e.g. <c>telegram</c>, <c>voice</c>), among
/// the target's own in the directory; null or empty: all of the target's channels.</para>
/// </summary>
public sealed record PageTarget(string Kind, string Id, string? SecretRef, string? ResolvedFrom, IReadOnlyList<string>? Channels = null)
{
    public const string Person = "person";
    public const string Unit = "unit";
    public const string Webhook = "webhook";
}
