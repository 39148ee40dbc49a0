namespace IncidentResponse.Contracts.Api.Directory;

/// <summary>One duty point of a unit: a channel and its address.</summary>
public sealed record ChannelView(string Channel, string Address);
