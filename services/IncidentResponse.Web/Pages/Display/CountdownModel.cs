namespace IncidentResponse.Web.Pages.Display;

/// <summary>A due time and the server's now: the page shows the remaining time, its script keeps it ticking.</summary>
public sealed record CountdownModel(DateTimeOffset Due, DateTimeOffset Now);
