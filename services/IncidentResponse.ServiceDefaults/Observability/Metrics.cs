namespace IncidentResponse.ServiceDefaults.Observability;

/// <summary>The Host's own meter (exported with MassTransit's and the runtime's, see <see cref="ObservabilityExtensions"/>).</summary>
public static class Metrics
{
    public const string MeterName = "IncidentResponse";
}
