using IncidentResponse.Contracts.Incidents;

namespace IncidentResponse.Notifications.Routing;

/// <summary>What routing looks at, taken from the incident's current triage.</summary>
public sealed record RoutingFacts(string Classification, int SeverityLevel, bool Serious, string Tlp, string? Isp, bool PersonalData, string? OwnerAgency)
{
    public static RoutingFacts From(IncidentTriaged triaged)
    {
        ArgumentNullException.ThrowIfNull(triaged);
        return new(triaged.Classification, triaged.SeverityLevel, triaged.Serious, triaged.Tlp,
            triaged.AffectedSystem?.Isp?.Trim(), triaged.PersonalData, triaged.AffectedSystem?.OwnerAgency);
    }
}
