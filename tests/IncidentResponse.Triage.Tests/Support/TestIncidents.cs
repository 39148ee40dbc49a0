using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Incidents;
using MassTransit;

namespace IncidentResponse.Triage.Tests.Support;

/// <summary>An open incident stored as triage would have stored it, for tests of what later lands on its timeline.</summary>
public static class TestIncidents
{
    /// <summary>Stores the incident through a context of its own from <paramref name="newContext"/>.</summary>
    public static async Task<Incident> OpenAsync(Func<TriageDbContext> newContext, string number = "SC-2026-00042")
    {
        ArgumentNullException.ThrowIfNull(newContext);
        await using var db = newContext();
        var incident = new Incident
        {
            Id = NewId.NextGuid(),
            Number = number,
            Title = "DDoS",
            Classification = "availability/ddos",
            Status = Lifecycle.New,
            SeverityLevel = 3,
            Tlp = "amber",
            Fingerprint = "f",
            PolicyVersion = "2026.1",
            Regime = "decree-85",
            Assessment = "{}",
            OpenedAt = TimeProvider.System.GetUtcNow(),
        };
        db.Incidents.Add(incident);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return incident;
    }
}
