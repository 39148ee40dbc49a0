using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IncidentResponse.ServiceDefaults.Web.RateLimits;

/// <summary>ASP.NET Core's rate limiter with the doors' named policies (<see cref="RateLimitPolicies"/>).</summary>
public static class RateLimitRegistration
{
    public static IHostApplicationBuilder AddRateLimits(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section);
        builder.Services.TryAddSingleton<FailedCredentials>();
        builder.Services.TryAddSingleton<DoorPolicies>();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = RateLimitRejection.WriteAsync;
        });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>, DoorPolicies>((o, limits, doors) =>
        {
            var l = limits.Value;
            o.AddPolicy(RateLimitPolicies.Ack, doors.Create(l.AckPerAddress, l.AckPerToken, DoorPolicies.RouteToken));
            o.AddPolicy(RateLimitPolicies.Events, doors.Create(l.EventsPerAddress, 0, null));
            o.AddPolicy(RateLimitPolicies.Alertmanager, doors.Create(l.AlertmanagerPerAddress, l.AlertmanagerPerKey, DoorPolicies.Caller));
            o.AddPolicy(RateLimitPolicies.Heartbeat, doors.Create(l.HeartbeatPerAddress, l.HeartbeatPerKey, DoorPolicies.Caller));
            o.AddPolicy(RateLimitPolicies.SmsInbound, doors.Create(l.SmsInboundPerAddress, l.SmsInboundPerKey, DoorPolicies.Caller));
            o.AddPolicy(RateLimitPolicies.CalendarFeed, doors.Create(l.CalendarFeedPerAddress, l.CalendarFeedPerToken, DoorPolicies.RouteToken));
        });
        return builder;
    }
}
