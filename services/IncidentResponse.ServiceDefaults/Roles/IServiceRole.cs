using MassTransit;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace IncidentResponse.ServiceDefaults.Roles;

/// <summary>
/// One service of the system (intake, triage, notifications, escalation, web). The Host runs any
/// set of roles; a role brings its own services, tables, consumers (and so queues) and endpoints.
/// </summary>
public interface IServiceRole
{
    /// <summary>Lower-case name used by <c>--roles</c>, as queue prefix and as database schema.</summary>
    string Name { get; }

    void AddServices(IHostApplicationBuilder builder);

    void AddConsumers(IBusRegistrationConfigurator bus);

    void MapEndpoints(IEndpointRouteBuilder endpoints);
}
