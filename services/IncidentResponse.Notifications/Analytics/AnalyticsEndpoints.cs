using IncidentResponse.Access.Authorization;
using IncidentResponse.Contracts.Api.Analytics;
using IncidentResponse.ServiceDefaults.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IncidentResponse.Notifications.Analytics;

/// <summary>
/// Response analytics over the API, as JSON or (<c>format=csv</c>) CSV. The committee (coordinator, operator, viewer) reads
/// every unit's figures and may pick one with <c>?unit=</c>; a responder reads only its own unit's, whatever it asks for:
/// its unit's engagements, the incidents its unit was engaged on, the deliveries to its unit.
/// </summary>
public static class AnalyticsEndpoints
{
    public static IEndpointRouteBuilder MapAnalytics(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/api/v1/analytics").WithTags("Analytics").RequireAuthorization(AccessPolicies.ReadEngagement);
        group.MapGet("/units", UnitsAsync).Produces<AnalyticsList<UnitFigures>>().Produces(StatusCodes.Status200OK, contentType: AnalyticsCsv.ContentType);
        group.MapGet("/incidents", IncidentsAsync).Produces<AnalyticsList<IncidentPeriodFigures>>().Produces(StatusCodes.Status200OK, contentType: AnalyticsCsv.ContentType);
        group.MapGet("/deliveries", DeliveriesAsync).Produces<AnalyticsList<ChannelFigures>>().Produces(StatusCodes.Status200OK, contentType: AnalyticsCsv.ContentType);
        return endpoints;
    }

    private static async Task<IResult> UnitsAsync(HttpContext http, UnitAnalytics analytics, TimeProvider time, CancellationToken cancellationToken,
        string? from = null, string? to = null, string? unit = null, string? format = null)
    {
        if (Check(from, to, format, time) is not { } period)
        {
            return Problem(from, to, format, time);
        }

        var items = await analytics.ForAsync(period, UnitOf(http, unit), cancellationToken);
        return format is "csv"
            ? Csv(AnalyticsCsv.Units(items), "units", period)
            : Results.Ok(new AnalyticsList<UnitFigures>(period.From, period.To, null, items));
    }

    private static async Task<IResult> IncidentsAsync(HttpContext http, IncidentSeries series, TimeProvider time, CancellationToken cancellationToken,
        string? from = null, string? to = null, string? bucket = null, string? unit = null, string? format = null)
    {
        bucket = string.IsNullOrWhiteSpace(bucket) ? "day" : bucket.Trim().ToLowerInvariant();
        if (!AnalyticsPeriod.Buckets.Contains(bucket))
        {
            return Problems.Validation("bucket", "Một trong day, week, month / one of day, week, month");
        }

        if (Check(from, to, format, time) is not { } period)
        {
            return Problem(from, to, format, time);
        }

        var groups = await series.GroupsAsync(period, bucket, UnitOf(http, unit), cancellationToken);
        return format is "csv"
            ? Csv(AnalyticsCsv.Incidents(groups), "incidents", period)
            : Results.Ok(new AnalyticsList<IncidentPeriodFigures>(period.From, period.To, bucket, IncidentSeries.Fold(groups)));
    }

    private static async Task<IResult> DeliveriesAsync(HttpContext http, DeliveryAnalytics deliveries, TimeProvider time, CancellationToken cancellationToken,
        string? from = null, string? to = null, string? unit = null, string? format = null)
    {
        if (Check(from, to, format, time) is not { } period)
        {
            return Problem(from, to, format, time);
        }

        var items = await deliveries.ForAsync(period, UnitOf(http, unit), cancellationToken);
        return format is "csv"
            ? Csv(AnalyticsCsv.Deliveries(items), "deliveries", period)
            : Results.Ok(new AnalyticsList<ChannelFigures>(period.From, period.To, null, items));
    }

    private static AnalyticsPeriod? Check(string? from, string? to, string? format, TimeProvider time) =>
        format is null or "json" or "csv" ? AnalyticsPeriod.Parse(from, to, time.GetUtcNow()).Period : null;

    private static IResult Problem(string? from, string? to, string? format, TimeProvider time)
    {
        if (format is not (null or "json" or "csv"))
        {
            return Problems.Validation("format", "Một trong json, csv / one of json, csv");
        }

        var (_, field, error) = AnalyticsPeriod.Parse(from, to, time.GetUtcNow());
        return Problems.Validation(field!, error!);
    }

    private static IResult Csv(byte[] content, string name, AnalyticsPeriod period) =>
        Results.File(content, AnalyticsCsv.ContentType, $"phan-tich-{name}-{period.From:yyyyMMdd}-{period.To:yyyyMMdd}.csv");

    /// <summary>A responder's own unit, whatever it asks for; for the committee the unit asked for, if any.</summary>
    private static string? UnitOf(HttpContext http, string? requested) =>
        http.User.ResponderUnit() ?? (string.IsNullOrWhiteSpace(requested) ? null : requested.Trim());
}
