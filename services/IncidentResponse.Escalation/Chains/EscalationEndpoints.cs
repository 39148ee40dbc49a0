using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using IncidentResponse.Access.Authorization;
using IncidentResponse.Contracts.Api.Escalation;
using IncidentResponse.Escalation.Data;
using IncidentResponse.Escalation.Deadlines;
using IncidentResponse.Escalation.Policies;
using IncidentResponse.ServiceDefaults.Security;
using IncidentResponse.ServiceDefaults.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Escalation.Chains;

/// <summary>Where an engagement's escalation stands, the policies in force, and an incident's legal deadline clocks.</summary>
public static class EscalationEndpoints
{
    public static IEndpointRouteBuilder MapEscalation(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/api/v1").WithTags("Escalation").RequireAuthorization(AccessPolicies.Read);
        api.MapGet("/engagements/{id:guid}/escalation", ChainAsync).Produces<ChainView>();
        api.MapGet("/incidents/{id:guid}/deadline-clocks", ClocksAsync).Produces<IReadOnlyList<ClockView>>();
        api.MapGet("/escalation/chains", ChainsOfAsync).Produces<IReadOnlyList<ChainView>>();
        api.MapGet("/deadline-clocks", ClocksOfAsync).Produces<IReadOnlyList<IncidentClocks>>();
        api.MapGet("/escalation/policies", Policies).Produces<PolicyFile>();
        return endpoints;
    }

    private static async Task<IResult> ChainAsync(Guid id, ClaimsPrincipal user, EscalationDbContext db, PolicyBook policies, CancellationToken cancellationToken) =>
        (await ChainViews.ReadAsync(db, policies, c => c.Id == id, user.IsInRole(AccessRoles.Coordinator), cancellationToken)) is [var chain]
            ? Results.Ok(chain)
            : Problems.NotFound("escalation of engagement", id.ToString());

    /// <summary>The chains of several incidents in one read (<c>?incident=a&amp;incident=b</c>), for pages that show many.</summary>
    private static async Task<IResult> ChainsOfAsync(ClaimsPrincipal user, EscalationDbContext db, PolicyBook policies, CancellationToken cancellationToken, string[]? incident = null)
    {
        var errors = new Dictionary<string, string[]>();
        var ids = IdList.Parse(incident, nameof(incident), IdList.MaxPerRead, errors);
        return errors.Count > 0
            ? Problems.Validation(errors)
            : Results.Ok(await ChainViews.ReadAsync(db, policies, c => ids.Contains(c.IncidentId), user.IsInRole(AccessRoles.Coordinator), cancellationToken));
    }

    /// <summary>The deadline clocks of several incidents in one read, each incident once, in the order asked.</summary>
    private static async Task<IResult> ClocksOfAsync(EscalationDbContext db, CancellationToken cancellationToken, string[]? incident = null)
    {
        var errors = new Dictionary<string, string[]>();
        var ids = IdList.Parse(incident, nameof(incident), IdList.MaxPerRead, errors);
        return errors.Count > 0 ? Problems.Validation(errors) : Results.Ok(await ClockViews.ReadAsync(db, [.. ids], cancellationToken));
    }

    private static async Task<IResult> ClocksAsync(Guid id, EscalationDbContext db, CancellationToken cancellationToken) =>
        Results.Ok(await ClockViews.ReadAsync(db, id, cancellationToken));

    /// <summary>The policies in force; their webhook targets' addresses are credentials, whole for coordinators only (review L5).</summary>
    private static IResult Policies(PolicyBook book, TimeProvider time, ClaimsPrincipal user, IOptions<JsonOptions> json)
    {
        var file = book.VersionAt(time.GetUtcNow());
        if (user.IsInRole(AccessRoles.Coordinator))
        {
            return Results.Ok(file);
        }

        var node = JsonSerializer.SerializeToNode(file, json.Value.SerializerOptions)!;
        MaskWebhooks(node);
        return Results.Ok(node);
    }

    private static void MaskWebhooks(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject target:
                foreach (var (name, value) in target.ToList())
                {
                    if (string.Equals(name, nameof(StepTarget.Webhook), StringComparison.OrdinalIgnoreCase) && value is JsonValue v && v.TryGetValue<string>(out var address))
                    {
                        target[name] = SecretUrls.Mask(address);
                    }
                    else
                    {
                        MaskWebhooks(value);
                    }
                }

                break;
            case JsonArray items:
                foreach (var item in items)
                {
                    MaskWebhooks(item);
                }

                break;
        }
    }
}
