namespace IncidentResponse.Contracts.Api.Directory;

/// <summary>A unit of the partner directory with its duty points (<c>GET /api/v1/units</c>, <c>/api/v1/units/{code}</c>).</summary>
public sealed record UnitView(string Code, string NameVi, string NameEn, string Kind, string DutyLanguage, string DutyTimeZone,
    IReadOnlyList<ChannelView> DutyChannels, string Source, bool Active);
