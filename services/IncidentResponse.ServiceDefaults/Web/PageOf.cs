namespace IncidentResponse.ServiceDefaults.Web;

/// <summary>One page of a list answer: the items, which page, its size and how many there are in all.</summary>
public sealed record PageOf<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);
