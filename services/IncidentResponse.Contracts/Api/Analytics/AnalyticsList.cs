namespace IncidentResponse.Contracts.Api.Analytics;

/// <summary>Figures over the period [<see cref="From"/>, <see cref="To"/>); <see cref="Bucket"/> for series (day, week, month), else null.</summary>
public sealed record AnalyticsList<T>(DateTimeOffset From, DateTimeOffset To, string? Bucket, IReadOnlyList<T> Items);
