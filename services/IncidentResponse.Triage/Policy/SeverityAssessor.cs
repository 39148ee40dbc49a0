using IncidentResponse.Contracts.Api.Incidents;

namespace IncidentResponse.Triage.Policy;

/// <summary>Applies a triage policy to a report's facts. Pure: the same facts and policy give the same answer.</summary>
public static class SeverityAssessor
{
    public static Assessment Assess(TriageFacts facts, TriagePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(policy);
        var serious = TestSerious(facts, policy.SeriousIncident);
        facts = facts with { Serious = serious.Serious };

        var totalWeight = policy.Scoring.Factors.Values.Sum(f => f.Weight);
        var contributions = policy.Scoring.Factors.Select(pair =>
        {
            var value = facts.Factor(pair.Key);
            var known = value is not null && pair.Value.Points.ContainsKey(value);
            var points = known ? pair.Value.Points[value!] : pair.Value.Unknown;
            return new FactorContribution(pair.Key, value, known, points, pair.Value.Weight, Math.Round(pair.Value.Weight * points / totalWeight, 2));
        }).ToList();
        var score = (int)Math.Round(contributions.Sum(c => c.Contribution), MidpointRounding.AwayFromZero);
        var scoreLevel = policy.Scoring.Levels.Where(l => score >= l.MinScore).Max(l => l.Level);

        var level = scoreLevel;
        var fired = new List<FiredRule>();
        foreach (var rule in policy.Rules.Where(r => r.AtLeast is not null && r.When.Matches(facts)))
        {
            var changed = level < rule.AtLeast!.Value;
            level = Math.Max(level, rule.AtLeast.Value);
            fired.Add(new FiredRule(rule.Id, rule.Description.Vi, rule.Description.En, $"at least {rule.AtLeast}", changed));
        }

        // Caps come last: a drill stays a drill whatever else matched.
        foreach (var rule in policy.Rules.Where(r => r.AtMost is not null && r.When.Matches(facts)))
        {
            var changed = level > rule.AtMost!.Value;
            level = Math.Min(level, rule.AtMost.Value);
            fired.Add(new FiredRule(rule.Id, rule.Description.Vi, rule.Description.En, $"at most {rule.AtMost}", changed));
        }

        return new Assessment(policy.Version, score, scoreLevel, Math.Clamp(level, 0, 5), serious.Serious, contributions, fired, serious);
    }

    private static SeriousTest TestSerious(TriageFacts facts, SeriousIncidentPolicy policy)
    {
        // QĐ 05/2017 Điều 9: a level 4–5 system, or one on the national critical list.
        var important = facts.SecurityLevel >= policy.MinSecurityLevel || facts.NationalCritical == true;
        var found = policy.Consequences.Where(c => c.When.Matches(facts)).ToList();
        // Both conditions must hold; an owner whose capacity is unknown does not make an incident serious by itself.
        var serious = important && found.Count > 0 && facts.OwnerCanHandle == false;
        // Consequences the reporter's unknown yes/no facts leave open: what to ask before the test can say "not serious".
        var open = policy.Consequences.Where(c => !found.Contains(c) && c.When.CouldMatch(facts)).ToList();
        return new SeriousTest(serious, important, facts.SecurityLevel, [.. found.Select(c => c.Id)], facts.OwnerCanHandle, policy.Basis.ToString(), facts.NationalCritical,
            [.. found.Select(c => new NamedConsequence(c.Id, c.Description.Vi, c.Description.En))],
            [.. open.Select(c => new NamedConsequence(c.Id, c.Description.Vi, c.Description.En))]);
    }
}
