using IncidentResponse.Notifications.Data;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Roles;
using MassTransit;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace IncidentResponse.Notifications;

/// <summary>Delivers notifications to partner units over e-mail, webhooks and SMS, with proof of delivery.</summary>
public sealed class NotificationsRole : IServiceRole
{
    public string Name => NotificationsDbContext.SchemaName;

    public void AddServices(IHostApplicationBuilder builder) =>
        builder.AddServiceDatabase<NotificationsDbContext, SqliteNotificationsDbContext, PostgresNotificationsDbContext>(NotificationsDbContext.SchemaName);

    public void AddConsumers(IBusRegistrationConfigurator bus)
    {
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}
