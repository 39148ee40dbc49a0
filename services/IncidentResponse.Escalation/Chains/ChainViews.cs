using System.Linq.Expressions;
using System.Text.Json;
using System.Text.Json.Nodes;
using IncidentResponse.Contracts.Api.Escalation;
using IncidentResponse.Contracts.Escalation;
using IncidentResponse.Escalation.Data;
using IncidentResponse.Escalation.Policies;
using IncidentResponse.ServiceDefaults.Rules;
using IncidentResponse.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Escalation.Chains;

/// <summary>Escalation chains as the API shows them: each with its fired steps in order.</summary>
public static class ChainViews
{
    /// <summary>
    /// The chains <paramref name="which"/> selects, with their steps, in two queries whatever their number. A step that paged a
    /// webhook names its address, a credential: whole only when <paramref name="wholeWebhooks"/> (a coordinator reads), else
    /// masked to its scheme and host (review L5).
    /// </summary>
    public static async Task<List<ChainView>> ReadAsync(
        EscalationDbContext db, PolicyBook policies, Expression<Func<EscalationChain, bool>> which, bool wholeWebhooks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(policies);
        var chains = await db.Chains.AsNoTracking().Where(which).ToListAsync(cancellationToken);
        if (chains.Count == 0)
        {
            return [];
        }

        var ids = chains.Select(c => c.Id).ToList();
        var steps = (await db.FiredSteps.AsNoTracking().Where(s => ids.Contains(s.ChainId)).ToListAsync(cancellationToken)).ToLookup(s => s.ChainId);
        return [.. chains.OrderBy(c => c.StartedAt).ThenBy(c => c.UnitCode, StringComparer.Ordinal).Select(chain => View(chain, steps[chain.Id], policies.Find(chain.PolicyId, chain.PolicyVersion)?.Name, wholeWebhooks))];
    }

    /// <summary>The chain with its policy's name as the version it runs on has it (none when that version is gone from the files).</summary>
    private static ChainView View(EscalationChain chain, IEnumerable<FiredStep> steps, LocalText? policyName, bool wholeWebhooks)
    {
        var pending = chain.NextDueAt is not null;
        return new ChainView(chain.Id, chain.IncidentId, chain.IncidentNumber, chain.UnitCode, chain.PolicyId, chain.PolicyVersion, chain.State,
            chain.Round, pending ? chain.NextStep : null, chain.NextTimer, chain.NextDueAt, chain.StartedAt, chain.AcknowledgedAt, chain.EndedAt,
            steps.OrderBy(s => s.Round).ThenBy(s => s.Step)
                .Select(s => new StepView(s.Round, s.Step, s.Retrigger, s.DueAt, s.FiredAt, s.Outcome, wholeWebhooks ? s.Detail : WebhooksMasked(s.Detail), s.FiredBy)).ToList(),
            chain.PreviousPolicyId, chain.PolicySwitchedAt, policyName?.Vi, policyName?.En);
    }

    /// <summary>
    /// A fired step's detail (<c>{"targets":[{"Kind":"webhook","Id":"https://…"}…],"skipped":[…]}</c>) with each webhook
    /// target's address masked; a detail that cannot be read but names a webhook is hidden whole.
    /// </summary>
    public static string WebhooksMasked(string detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        if (!detail.Contains(PageTarget.Webhook, StringComparison.Ordinal))
        {
            return detail;
        }

        try
        {
            if (JsonNode.Parse(detail) is JsonObject root && root["targets"] is JsonArray targets)
            {
                foreach (var target in targets.OfType<JsonObject>())
                {
                    if (target["Kind"]?.GetValue<string>() == PageTarget.Webhook && target["Id"] is JsonValue id && id.TryGetValue<string>(out var address))
                    {
                        target["Id"] = SecretUrls.Mask(address);
                    }
                }

                return root.ToJsonString();
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            // Not the shape written above: hidden below.
        }

        return SecretUrls.Hidden;
    }
}
