using IncidentResponse.Access.Authorization;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.ServiceDefaults.Playbooks;
using IncidentResponse.ServiceDefaults.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IncidentResponse.Web.Playbooks;

/// <summary>The response playbooks, read-only, for readers and responders.</summary>
public static class PlaybookEndpoints
{
    public sealed record PlaybookSummary(string Slug, string TitleVi, string TitleEn, IReadOnlyList<string> Classes, string Version, DateOnly Updated);

    public sealed record PlaybookView(
        string Slug, string Language, string Title, IReadOnlyList<string> Classes, string Version, DateOnly Updated,
        IReadOnlyList<string> FirstSteps, string Html, string Markdown);

    public static IEndpointRouteBuilder MapPlaybooks(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var playbooks = endpoints.MapGroup("/api/v1/playbooks").WithTags("Playbooks").RequireAuthorization(AccessPolicies.ReadEngagement);
        playbooks.MapGet("/", List).Produces<PageOf<PlaybookSummary>>();
        playbooks.MapGet("/{slug}", Get).Produces<PlaybookView>();
        return endpoints;
    }

    /// <summary>Every playbook, or with <c>class</c> (<c>availability:ddos</c>) only the one that answers it.</summary>
    private static IResult List(PlaybookLibrary library, string? @class = null)
    {
        IEnumerable<Playbook> all = library.All;
        if (@class is not null)
        {
            if (!Rsit.IsKnown(@class))
            {
                return Problems.Validation("class", "Phân loại RSIT dạng class:type, ví dụ availability:ddos / an RSIT class:type value, e.g. availability:ddos");
            }

            // The playbook for the class first, then those its incidents' titles can choose (RSIT files ransomware and defacement together).
            all = library.Index.Candidates(@class);
        }

        var items = all.Select(p => new PlaybookSummary(p.Slug, p.Vi.Title, p.En.Title, p.Classes, p.Version, p.Updated)).ToList();
        return Results.Ok(new PageOf<PlaybookSummary>(items, 1, items.Count, items.Count));
    }

    private static IResult Get(string slug, PlaybookLibrary library, string? lang = null)
    {
        if (lang is not (null or "vi" or "en"))
        {
            return Problems.Validation("lang", "vi hoặc en / vi or en");
        }

        return library.Find(slug, lang ?? "vi") is { } p
            ? Results.Ok(new PlaybookView(p.Slug, p.Language, p.Title, p.Classes, p.Version, p.Updated, p.FirstSteps, p.Html, p.Markdown))
            : Problems.NotFound("Playbook", slug);
    }
}
