using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Diagnostics;
using IncidentResponse.ServiceDefaults.Health;
using IncidentResponse.ServiceDefaults.Messaging.Quorum;
using IncidentResponse.ServiceDefaults.Messaging.Redelivery;
using IncidentResponse.ServiceDefaults.Observability.Prometheus;
using IncidentResponse.ServiceDefaults.Roles;
using IncidentResponse.ServiceDefaults.Outbox;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace IncidentResponse.ServiceDefaults.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// One bus per Host with the consumers of the selected roles only: a Host started with
    /// <c>--roles triage</c> creates and listens on triage's queues and no others.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging(
        this IHostApplicationBuilder builder, IReadOnlyList<IServiceRole> roles, Action<IBusRegistrationConfigurator>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(roles);
        var options = builder.Configuration.GetSection(MessagingOptions.Section).Get<MessagingOptions>() ?? new MessagingOptions();
        builder.Services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.Section);
        var redelivery = builder.Configuration.GetSection(MessageRedeliveryOptions.Section).Get<MessageRedeliveryOptions>() ?? new MessageRedeliveryOptions();
        builder.Services.AddRedelivery();
        if (options.Transport == MessagingTransport.RabbitMq)
        {
            // What lies in the service queues' _error and _skipped queues (ir_messages_faulted).
            builder.Services.AddMetricsProbe<FaultQueuesProbe>();
        }
        var databases = builder.Services
            .Where(d => d.ServiceType == typeof(ServiceDatabase) && d.ImplementationInstance is ServiceDatabase)
            .Select(d => (ServiceDatabase)d.ImplementationInstance!)
            .ToList();

        builder.Services.AddMassTransit(bus =>
        {
            // MassTransit reports usage to its vendor over the internet by default. A provincial incident
            // response system talks to nobody it was not configured to talk to (and it may have no route out).
            bus.DisableUsageTelemetry();
            bus.SetEndpointNameFormatter(new ServiceEndpointNameFormatter());
            bus.ConfigureHealthCheckOptions(h =>
            {
                h.Name = "bus";
                // A bus still connecting (every start on RabbitMQ) or reconnecting is Degraded, which
                // /health/ready answers with 503 all the same; MassTransit logs the broker's failures
                // itself, so the health poll does not log an error each time a balancer asks.
                h.MinimalFailureStatus = HealthStatus.Degraded;
                h.Tags.Add(HealthEndpoints.ReadyTag);
            });
            foreach (var role in roles)
            {
                role.AddConsumers(bus);
            }

            foreach (var database in databases)
            {
                bus.AddConsumer(typeof(PipelineProbeConsumer<>).MakeGenericType(database.ContextType))
                    .Endpoint(e => e.Name = $"{database.Schema}-pipeline-probe");
            }

            extra?.Invoke(bus);
            bus.AddConfigureEndpointsCallback((context, queue, endpoint) =>
            {
                // Outermost: what still fails after the quick retries is stored in the service's database
                // and redelivered later (Redelivery section), instead of going to <queue>_error at once.
                var store = context.GetRequiredService<DeferredMessageStore>();
                if (store.Handles(queue))
                {
                    _ = new ParkingConfigurationObserver(endpoint, store, queue);
                }

                // Service queues are quorum queues on RabbitMQ (unless configured classic); a per-Host temporary queue
                // (the live board's, auto-delete) cannot be one and stays classic.
                if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit
                    && !redelivery.EffectiveExcludedQueuePrefixes.Any(p => queue.StartsWith(p, StringComparison.Ordinal)))
                {
                    context.GetRequiredService<ServiceQueues>().Add(queue);
                    QueueTopology.ApplyToReceiveEndpoint(rabbit, queue, options);
                }

                var quick = redelivery.EffectiveQuickRetries.ToArray();
                endpoint.UseMessageRetry(r => r.Intervals(quick));
                endpoint.UseConsumeFilter(typeof(DatabaseReadyFilter<>), context);
                endpoint.UseConsumeFilter(typeof(ConsumeMetricsFilter<>), context);
                var (limit, prefetch) = GroupCommitEndpoints.Concurrency(options, context.IsGroupCommit(queue));
                if (limit is { } l)
                {
                    endpoint.ConcurrentMessageLimit = l;
                }

                if (prefetch is { } p)
                {
                    endpoint.PrefetchCount = p;
                }
            });

            if (options.Transport == MessagingTransport.RabbitMq)
            {
                bus.UsingRabbitMq((context, cfg) =>
                {
                    var broker = RabbitMqAddress.Parse(options.RabbitMqUri, options.RabbitMqClusterNodes);
                    cfg.Host(broker.Host, broker.Port, broker.VirtualHost, h =>
                    {
                        h.Username(broker.Username);
                        h.Password(broker.Password);
                        if (broker.Nodes.Count > 1)
                        {
                            // A cluster: connect to the first node that answers, in the order given; after a node is
                            // lost the bus reconnects to the next one and its quorum queues are served by the others.
                            h.UseCluster(c =>
                            {
                                foreach (var node in broker.Nodes)
                                {
                                    c.Node(node);
                                }
                            });
                        }

                        if (broker.UseTls)
                        {
                            h.UseSsl(ssl => RabbitMqTls.Configure(ssl, broker, options));
                        }
                    });
                    QueueTopology.ApplyToFaultQueues(cfg.SendTopology);
                    cfg.PrefetchCount = options.PrefetchCount > 0 ? options.PrefetchCount : MessagingOptions.RabbitMqPrefetch;

                    cfg.ConfigureEndpoints(context);
                });
            }
            else
            {
                bus.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
            }
        });
        // Each database's outbox relay, registered after MassTransit's hosted service: hosted services
        // stop in reverse order, so a relay finishes its batch while the bus can still publish it.
        foreach (var database in databases)
        {
            builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IHostedService), typeof(OutboxRelay<>).MakeGenericType(database.ContextType)));
            builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IHostedService), typeof(Redeliverer<>).MakeGenericType(database.ContextType)));
        }

        return builder;
    }

    private static void AddRedelivery(this IServiceCollection services)
    {
        services.AddOptions<MessageRedeliveryOptions>().BindConfiguration(MessageRedeliveryOptions.Section);
        services.TryAddSingleton<DatabaseStatus>();
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<LocalConsumers>();
        services.TryAddSingleton<QueueDatabases>();
        services.TryAddSingleton<DeferredMessageStore>();
        services.TryAddSingleton<ParkedWork>();
        services.TryAddSingleton<ServiceQueues>();
        services.TryAddSingleton<QueueMigrator>();
        services.TryAddSingleton<ParkedWorkMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<ParkedWorkMonitor>());
        services.AddMetricsProbe<MessagingMetricsProbe>();
        services.AddHostedService<InboxPruner>();
        services.AddParkedWorkCheck();
    }
}
