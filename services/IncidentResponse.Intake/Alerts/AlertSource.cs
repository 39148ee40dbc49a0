using IncidentResponse.Access.Integrations;
using IncidentResponse.Contracts.Vocabulary;

namespace IncidentResponse.Intake.Alerts;

/// <summary>Who raised an alert and through which door; what a resolve from it does.</summary>
public sealed record AlertSource(Guid IntegrationId, string Name, string Channel, string OnResolve)
{
    public const string EventsApiChannel = ReportChannels.EventsApi;
    public const string AlertmanagerChannel = ReportChannels.Alertmanager;
    public const string HeartbeatChannel = ReportChannels.Heartbeat;

    public static AlertSource Of(IntegrationSource integration, string channel)
    {
        ArgumentNullException.ThrowIfNull(integration);
        return new(integration.Id, integration.Name, channel, integration.OnResolve);
    }

    public string ActorId => "apikey:" + IntegrationId;
}
