namespace IncidentResponse.ServiceDefaults.Observability.Prometheus;

/// <summary>
/// A role's gauges that need its database. <see cref="MetricsRefresher"/> calls each registered probe every
/// <see cref="MetricsOptions.RefreshInterval"/>, never per scrape; a role registers its own, so a Host reads only
/// the databases of the roles it runs.
/// </summary>
public interface IMetricsProbe
{
    Task RefreshAsync(CancellationToken cancellationToken);
}
