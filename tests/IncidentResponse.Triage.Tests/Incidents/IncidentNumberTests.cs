using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Incidents;
using IncidentResponse.Triage.Policy;
using IncidentResponse.Triage.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Triage.Tests.Incidents;

/// <summary>Incident numbers on a real (SQLite) triage database: per year, in order, and the same one again for a retried report.</summary>
public sealed class IncidentNumberTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.FromHours(7));

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reports_take_the_next_numbers_and_a_retried_report_gets_the_number_it_claimed()
    {
        using var database = await SqliteDatabase.CreateAsync();
        await using var services = Services(database);
        var numbers = services.GetRequiredService<IncidentNumbers>();
        var (first, second, third) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        Assert.Equal("SC-2026-00001", await numbers.ClaimAsync(first, Now, Cancel));
        Assert.Equal("SC-2026-00002", await numbers.ClaimAsync(second, Now, Cancel));
        Assert.Equal("SC-2026-00001", await numbers.ClaimAsync(first, Now.AddMinutes(1), Cancel)); // a retry of the first report's triage
        Assert.Equal("SC-2026-00003", await numbers.ClaimAsync(third, Now, Cancel));

        await using var db = database.NewContext();
        var claims = await db.NumberClaims.AsNoTracking().OrderBy(c => c.Number).ToListAsync(Cancel);
        Assert.Equal([(first, "SC-2026-00001"), (second, "SC-2026-00002"), (third, "SC-2026-00003")], claims.Select(c => (c.ReportId, c.Number)));
        Assert.Equal(3, (await db.Counters.AsNoTracking().SingleAsync(Cancel)).Last);
    }

    [Fact]
    public async Task The_year_is_the_committees_so_half_past_midnight_on_new_years_day_in_Ha_Noi_starts_again_at_1()
    {
        using var database = await SqliteDatabase.CreateAsync();
        await using var services = Services(database);
        var numbers = services.GetRequiredService<IncidentNumbers>();

        Assert.Equal("SC-2026-00001", await numbers.ClaimAsync(Guid.NewGuid(), new DateTimeOffset(2026, 12, 31, 16, 30, 0, TimeSpan.Zero), Cancel));
        Assert.Equal("SC-2027-00001", await numbers.ClaimAsync(Guid.NewGuid(), new DateTimeOffset(2026, 12, 31, 17, 30, 0, TimeSpan.Zero), Cancel));
        Assert.Equal("SC-2026-00002", await numbers.ClaimAsync(Guid.NewGuid(), new DateTimeOffset(2026, 12, 31, 16, 45, 0, TimeSpan.Zero), Cancel));
    }

    private static ServiceProvider Services(SqliteDatabase database)
    {
        var services = new ServiceCollection();
        services.AddScoped<TriageDbContext>(_ => database.NewContext());
        services.AddSingleton(Options.Create(new TriageOptions()));
        services.AddSingleton<IncidentNumbers>();
        return services.BuildServiceProvider();
    }
}
