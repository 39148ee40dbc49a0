using IncidentResponse.Contracts.Api.Escalation;
using IncidentResponse.Contracts.Api.Incidents;
using IncidentResponse.Contracts.Api.Notifications;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.ServiceDefaults.Web;
using IncidentResponse.Web.Console;

namespace IncidentResponse.Web.Pages.Board;

/// <summary>One row of the board: an open incident, its legal deadline clocks, its engagements not yet acknowledged and their next escalation step.</summary>
public sealed record BoardRow(IncidentSummary Incident, IReadOnlyList<ClockView> Clocks, IReadOnlyList<BoardEngagement> Waiting, int Engaged);

/// <summary>An engagement nobody acknowledged yet, and when its escalation pages next (null: no chain known).</summary>
public sealed record BoardEngagement(EngagementView Engagement, ChainView? Escalation);

/// <summary>
/// Reads the board through the API: the most severe open incidents (at most <c>Web:Board:MaxIncidents</c>),
/// and for each its engagements, deadline clocks and the escalation of each engagement still waiting:
/// so one render makes at most 1 + N × (2 + waiting engagements) calls, a few at a time.
/// </summary>
public sealed class BoardReader(ConsoleApi api)
{
    private const int Parallel = 4;

    public async Task<(IReadOnlyList<BoardRow> Rows, int Total, bool Failed)> ReadAsync(int max, CancellationToken cancellationToken)
    {
        var list = await api.GetAsync<PageOf<IncidentSummary>>($"api/v1/incidents?status={IncidentStatuses.Open}&page=1&pageSize={max}", cancellationToken);
        if (!list.Ok || list.Value is null)
        {
            return ([], 0, true);
        }

        using var gate = new SemaphoreSlim(Parallel);
        var rows = await Task.WhenAll(list.Value.Items.Select(async incident =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                return await RowAsync(incident, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));
        return (rows, list.Value.Total, false);
    }

    private async Task<BoardRow> RowAsync(IncidentSummary incident, CancellationToken cancellationToken)
    {
        var engagements = await api.GetAsync<List<EngagementView>>($"api/v1/incidents/{incident.Id}/engagements", cancellationToken);
        var clocks = await api.GetAsync<List<ClockView>>($"api/v1/incidents/{incident.Id}/deadline-clocks", cancellationToken);
        var waiting = new List<BoardEngagement>();
        foreach (var engagement in (engagements.Value ?? []).Where(e => e.State == EngagementStates.Notified))
        {
            var chain = await api.GetAsync<ChainView>($"api/v1/engagements/{engagement.Id}/escalation", cancellationToken);
            waiting.Add(new BoardEngagement(engagement, chain.Value));
        }

        // A stopped clock belongs to a closed incident; "done" ones are overdue and alerted, still worth seeing.
        var open = (clocks.Value ?? []).Where(c => c.State != ClockStates.Stopped).OrderBy(c => c.DueAt).ToList();
        if (!clocks.Ok && incident.NextDeadline is { } next)
        {
            open = [new ClockView(next.Id, next.NameVi, next.NameEn, next.Basis, next.DueAt, ClockStates.Running, 0, null)];
        }

        return new BoardRow(incident, open, waiting, engagements.Value?.Count ?? 0);
    }
}
