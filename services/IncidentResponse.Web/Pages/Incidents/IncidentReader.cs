using IncidentResponse.Contracts.Api.Documents;
using IncidentResponse.Contracts.Api.Escalation;
using IncidentResponse.Contracts.Api.Evidence;
using IncidentResponse.Contracts.Api.Incidents;
using IncidentResponse.Contracts.Api.Notifications;
using IncidentResponse.Contracts.Api.Reports;
using IncidentResponse.Contracts.Api.Tasks;
using IncidentResponse.Contracts.Reports;
using IncidentResponse.Web.Console;
using IncidentResponse.Web.Pages.Display;

namespace IncidentResponse.Web.Pages.Incidents;

/// <summary>An engagement on the incident page: the engagement with its deliveries, and its escalation (null: none known).</summary>
public sealed record EngagementRow(EngagementView Engagement, ChainView? Escalation);

/// <summary>Everything the incident page shows, read through the API as the signed-in person.</summary>
public sealed record IncidentPage(
    IncidentDetail Incident, IReadOnlyList<TimelineEntryView> Timeline, TimelineVerification? Verification, IReadOnlyList<EngagementRow> Engagements,
    IReadOnlyList<ClockView> Clocks, IReadOnlyDictionary<Guid, DeliveryDetail> Deliveries, IReadOnlyList<Observable> Observables,
    IReadOnlyList<DutyView> Duties, IReadOnlyList<IssuedDocumentView> Documents, IReadOnlyList<DocumentFormView> Forms,
    IReadOnlyList<DocumentCompletenessView> Completeness, RecipientNames Recipients, IReadOnlyList<EvidenceView> Evidence,
    IReadOnlyList<RoutingGap> RoutingGaps, IReadOnlyList<Reports.ReportFiles> Files, IncidentTaskList? Tasks);

/// <summary>
/// Reads an incident for its page. Bounded: the latest <see cref="MaxTimeline"/> timeline entries, its verification, engagements, clocks, at most
/// <see cref="MaxReports"/> reports (the first and the latest: for observables and files) and the attempts of the latest <see cref="MaxDeliveries"/> deliveries (one read), and
/// the escalation of all its engagements in one read.
/// </summary>
public sealed class IncidentReader(ConsoleApi api)
{
    public const int MaxReports = 10;
    public const int MaxDeliveries = 20;

    /// <summary>The latest timeline entries the page shows (the count of all is the incident's timeline length).</summary>
    public const int MaxTimeline = 500;

    /// <summary>The page's data; the API's status when the incident cannot be read (404, 403).</summary>
    public async Task<(IncidentPage? Page, System.Net.HttpStatusCode Status)> ReadAsync(Guid id, CancellationToken cancellationToken)
    {
        var detail = await api.GetAsync<IncidentDetail>($"api/v1/incidents/{id}", cancellationToken);
        if (!detail.Ok || detail.Value is null)
        {
            return (null, detail.Status);
        }

        var timelineTask = api.GetAsync<List<TimelineEntryView>>($"api/v1/incidents/{id}/timeline?latest={MaxTimeline}", cancellationToken);
        var verifyTask = api.GetAsync<TimelineVerification>($"api/v1/incidents/{id}/timeline/verify", cancellationToken);
        var engagementsTask = api.GetAsync<List<EngagementView>>($"api/v1/incidents/{id}/engagements", cancellationToken);
        var clocksTask = api.GetAsync<List<ClockView>>($"api/v1/incidents/{id}/deadline-clocks", cancellationToken);
        var dutiesTask = api.GetAsync<List<DutyView>>($"api/v1/incidents/{id}/duties", cancellationToken);
        var documentsTask = api.GetAsync<List<IssuedDocumentView>>($"api/v1/incidents/{id}/documents/issued", cancellationToken);
        var formsTask = api.GetAsync<List<DocumentFormView>>("api/v1/documents/forms", cancellationToken);
        var completenessTask = api.GetAsync<List<DocumentCompletenessView>>($"api/v1/incidents/{id}/documents/completeness", cancellationToken);
        var chainsTask = api.GetAsync<List<ChainView>>($"api/v1/escalation/chains?incident={id}", cancellationToken);
        var recipientsTask = RecipientNames.ReadAsync(api, id, cancellationToken);
        var evidenceTask = api.GetAsync<List<EvidenceView>>($"api/v1/incidents/{id}/evidence", cancellationToken);
        var gapsTask = api.GetAsync<List<RoutingGap>>($"api/v1/incidents/{id}/routing-gaps", cancellationToken);
        var tasksTask = api.GetAsync<IncidentTaskList>($"api/v1/incidents/{id}/tasks", cancellationToken);
        var shown = Shown(detail.Value.Reports);
        var reportsTask = Task.WhenAll(shown.Select(r => api.GetAsync<ReportView>($"api/v1/reports/{r.ReportId}", cancellationToken)));
        var filesTask = Task.WhenAll(shown.Select(async r =>
            new Reports.ReportFiles(r.ReportId, (await api.GetAsync<List<AttachmentView>>($"api/v1/reports/{r.ReportId}/attachments", cancellationToken)).Value ?? [])));
        await Task.WhenAll(timelineTask, verifyTask, engagementsTask, clocksTask, chainsTask, dutiesTask, documentsTask, formsTask, completenessTask, reportsTask, recipientsTask, evidenceTask, gapsTask, filesTask, tasksTask);

        var engagements = (await engagementsTask).Value ?? [];
        var chains = ((await chainsTask).Value ?? []).ToDictionary(c => c.EngagementId);
        var rows = engagements.Select(e => new EngagementRow(e, chains.GetValueOrDefault(e.Id))).ToList();

        var latest = engagements.SelectMany(e => e.Deliveries).OrderByDescending(d => d.CreatedAt).Take(MaxDeliveries).ToList();
        var deliveries = latest.Count == 0 ? new Dictionary<Guid, DeliveryDetail>() : ((await api.GetAsync<List<DeliveryDetail>>(
            "api/v1/deliveries/details?" + string.Join('&', latest.Select(d => $"delivery={d.Id}")), cancellationToken)).Value ?? []).ToDictionary(d => d.Delivery.Id);

        var observables = (await reportsTask).SelectMany(r => r.Value?.Report?.Observables ?? []).Distinct().ToList();
        return (new IncidentPage(detail.Value, (await timelineTask).Value ?? [], (await verifyTask).Value, rows, (await clocksTask).Value ?? [], deliveries, observables,
            (await dutiesTask).Value ?? [], (await documentsTask).Value ?? [], (await formsTask).Value ?? [], (await completenessTask).Value ?? [],
            await recipientsTask, (await evidenceTask).Value ?? [], (await gapsTask).Value ?? [], [.. (await filesTask).Where(f => f.Files.Count > 0)], (await tasksTask).Value),
            detail.Status);
    }

    /// <summary>The report that opened the incident and the latest others, up to <see cref="MaxReports"/>: what was added last is shown.</summary>
    internal static IReadOnlyList<ReportLinkView> Shown(IReadOnlyList<ReportLinkView> reports) =>
        reports.Count <= MaxReports ? reports : [reports[0], .. reports.Skip(reports.Count - (MaxReports - 1))];
}
