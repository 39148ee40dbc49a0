namespace IncidentResponse.Contracts.Reports;

/// <summary>
/// The reporter's view of the impact (NIST SP 800-61 / NCISS factors): functional
/// (none|low|medium|high), information (none|privacy|proprietary|integrity), recoverability
/// (regular|supplemented|extended|not-recoverable), and the yes/no facts the legal tests need.
/// <see cref="NationalSecurityOrPublicOrder"/>: the incident may harm national security or public order
/// (the trigger of the police report under the rules from 1/7/2026; null in messages from before it).
/// <see cref="StateSecrets"/>: state secrets (bí mật nhà nước) may have been disclosed; <see cref="MaySpread"/>: the incident
/// is likely to spread to other systems of level 4 or 5 (two consequences of a serious incident, QĐ 05/2017 Điều 9; null in
/// messages from before triage policy 2026.3).
/// Null means not known.
/// </summary>
public sealed record ImpactAssessment(
    string? Functional,
    string? Information,
    string? Recoverability,
    bool? ServiceInterrupted,
    bool? OwnerCanHandle,
    bool? PersonalData,
    bool? NationalSecurityOrPublicOrder = null,
    bool? StateSecrets = null,
    bool? MaySpread = null);
