using IncidentResponse.Intake.Data;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Roles;
using MassTransit;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace IncidentResponse.Intake;

/// <summary>Receives incident reports from people and machines, stores each whole and announces it.</summary>
public sealed class IntakeRole : IServiceRole
{
    public string Name => IntakeDbContext.SchemaName;

    public void AddServices(IHostApplicationBuilder builder) =>
        builder.AddServiceDatabase<IntakeDbContext, SqliteIntakeDbContext, PostgresIntakeDbContext>(IntakeDbContext.SchemaName);

    public void AddConsumers(IBusRegistrationConfigurator bus)
    {
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}
