using IncidentResponse.Contracts.Api.Evidence;

namespace IncidentResponse.Triage.Evidence;

/// <summary><c>Triage:Evidence</c>: how large a file the evidence register takes.</summary>
public sealed class EvidenceOptions
{
    public const string Section = "Triage:Evidence";

    /// <summary>The largest file accepted, in bytes (25 MiB unless set; at most <see cref="EvidenceLimits.CeilingBytes"/>).</summary>
    public long MaxFileBytes { get; set; } = 25L * 1024 * 1024;

    public bool IsValid => MaxFileBytes is > 0 and <= EvidenceLimits.CeilingBytes;
}
