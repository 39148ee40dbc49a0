using IncidentResponse.ServiceDefaults.Roles;
using MassTransit;

namespace IncidentResponse.Host;

/// <summary>What a caller embedding the Host (the tests) may change: the known roles, services, extra consumers.</summary>
public sealed class HostCustomization
{
    public IReadOnlyList<IServiceRole>? KnownRoles { get; init; }

    public Action<WebApplicationBuilder>? ConfigureBuilder { get; init; }

    public Action<IBusRegistrationConfigurator>? ConfigureBus { get; init; }
}
