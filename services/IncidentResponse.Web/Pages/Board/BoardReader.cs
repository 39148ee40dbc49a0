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

/// <summary>What one read of the board found; <see cref="Failed"/>: the incident list could not be read.</summary>
public sealed record BoardModel(IReadOnlyList<BoardRow> Rows, int Total, bool Failed);

/// <summary>
/// Reads the board through the API: the most severe open incidents (at most <c>Web:Board:MaxIncidents</c>), then
/// their engagements, deadline clocks and escalation chains, each for all of them at once: four calls per read,
/// whatever the number of incidents and engagements (it was 1 + N × (2 + waiting engagements), review M5).
/// </summary>
public sealed class BoardReader(ConsoleApi api)
{
    public async Task<BoardModel> ReadAsync(int max, CancellationToken cancellationToken)
    {
        var list = await api.GetAsync<PageOf<IncidentSummary>>($"api/v1/incidents?status={IncidentStatuses.Open}&page=1&pageSize={max}", cancellationToken);
        if (!list.Ok || list.Value is null)
        {
            return new([], 0, true);
        }

        var incidents = list.Value.Items;
        if (incidents.Count == 0)
        {
            return new([], list.Value.Total, false);
        }

        var query = string.Join('&', incidents.Select(i => $"incident={i.Id}"));
        var engagementsTask = api.GetAsync<List<IncidentEngagements>>($"api/v1/engagements?{query}", cancellationToken);
        var clocksTask = api.GetAsync<List<IncidentClocks>>($"api/v1/deadline-clocks?{query}", cancellationToken);
        var chainsTask = api.GetAsync<List<ChainView>>($"api/v1/escalation/chains?{query}", cancellationToken);
        await Task.WhenAll(engagementsTask, clocksTask, chainsTask);

        var engagements = (await engagementsTask).Value?.ToDictionary(e => e.IncidentId, e => e.Engagements);
        var clocks = await clocksTask;
        var clocksOf = clocks.Value?.ToDictionary(c => c.IncidentId, c => c.Clocks);
        var chains = ((await chainsTask).Value ?? []).ToDictionary(c => c.EngagementId);
        return new([.. incidents.Select(incident => Row(incident, engagements?.GetValueOrDefault(incident.Id) ?? [], clocks.Ok ? clocksOf?.GetValueOrDefault(incident.Id) ?? [] : null, chains))],
            list.Value.Total, false);
    }

    private static BoardRow Row(IncidentSummary incident, IReadOnlyList<EngagementView> engagements, IReadOnlyList<ClockView>? clocks, Dictionary<Guid, ChainView> chains)
    {
        var waiting = engagements.Where(e => e.State == EngagementStates.Notified)
            .Select(e => new BoardEngagement(e, chains.GetValueOrDefault(e.Id))).ToList();

        // A stopped clock belongs to a closed incident; "done" ones are overdue and alerted, still worth seeing.
        var open = (clocks ?? []).Where(c => c.State != ClockStates.Stopped).OrderBy(c => c.DueAt).ToList();
        if (clocks is null && incident.NextDeadline is { } next)
        {
            open = [new ClockView(next.Id, next.NameVi, next.NameEn, next.Basis, next.DueAt, ClockStates.Running, 0, null)];
        }

        return new BoardRow(incident, open, waiting, engagements.Count);
    }
}
