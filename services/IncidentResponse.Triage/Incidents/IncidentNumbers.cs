using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Policy;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Triage.Incidents;

/// <summary>Gives incidents readable numbers per year in the committee's time zone: <c>SC-2026-00042</c>.</summary>
public sealed class IncidentNumbers(IOptions<TriageOptions> options)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    /// <summary>Takes the next number in the transaction of <paramref name="db"/>; a concurrent taker makes one of them retry.</summary>
    public async Task<string> NextAsync(TriageDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var year = TimeZoneInfo.ConvertTime(now, _zone).Year;
        var counter = await db.Counters.FindAsync([year], cancellationToken);
        if (counter is null)
        {
            counter = new IncidentCounter { Year = year, Last = 0 };
            db.Counters.Add(counter);
        }

        counter.Last++;
        return $"{options.Value.NumberPrefix}-{year}-{counter.Last:D5}";
    }
}
