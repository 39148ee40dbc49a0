using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Intake.Reports;

namespace IncidentResponse.Intake.Tests.Reports;

/// <summary>Intake's reading of quoted incident numbers refuses every advisory prefix triage refuses to number incidents with.</summary>
public sealed class QuotedIncidentNumberTests
{
    public static TheoryData<string> Advisories => [.. AdvisoryPrefixes.All];

    [Theory]
    [MemberData(nameof(Advisories))]
    public void An_advisory_id_is_no_incident_number_in_any_case(string prefix)
    {
        Assert.False(QuotedIncidentNumbers.IsWellFormed($"{prefix}-2026-12345"));
        Assert.False(QuotedIncidentNumbers.IsWellFormed($"{prefix.ToLowerInvariant()}-2026-12345"));
        Assert.Equal("SC-2026-00042", QuotedIncidentNumbers.FirstIn($"Re: {prefix}-2026-12345 vá lỗi, sự cố SC-2026-00042"));
    }
}
