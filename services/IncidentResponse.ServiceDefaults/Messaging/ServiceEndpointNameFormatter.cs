using MassTransit;

namespace IncidentResponse.ServiceDefaults.Messaging;

/// <summary>
/// Queue names belong to their service: a consumer in <c>IncidentResponse.Triage.…</c> named
/// <c>ReportReceivedConsumer</c> listens on <c>triage-report-received</c>.
/// </summary>
public sealed class ServiceEndpointNameFormatter() : KebabCaseEndpointNameFormatter(includeNamespace: false)
{
    public override string Consumer<T>() => $"{ServiceOf(typeof(T))}-{base.Consumer<T>()}";

    internal static string ServiceOf(Type type)
    {
        var parts = (type.Namespace ?? string.Empty).Split('.');
        if (parts.Length < 2 || parts[0] != "IncidentResponse")
        {
            throw new InvalidOperationException($"{type} is not in a service namespace (IncidentResponse.<Service>.…)");
        }

#pragma warning disable CA1308 // queue names are lower-case by convention
        return parts[1].ToLowerInvariant();
#pragma warning restore CA1308
    }
}
