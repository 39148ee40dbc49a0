using IncidentResponse.Contracts.Notifications;
using IncidentResponse.Contracts.Reports;
using IncidentResponse.Testing;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Incidents;
using IncidentResponse.Triage.Policy;
using IncidentResponse.Triage.Register;
using IncidentResponse.Triage.Tests.Support;
using IncidentResponse.Triage.Timeline;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Triage.Tests.Register;

/// <summary>
/// Three incidents triaged the real way — one in Cà Mau, later closed; one in Đồng Nai with a unit engaged; one a TLP:RED
/// drill with a hash — and one stored before the register (indexed by the backfill); then every filter, the search, the
/// sort and the paging, the same on SQLite and PostgreSQL.
/// </summary>
internal static class RegisterScenario
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public const string Hash = "44d88612fea8a8f36de82e1278abb02f";

    public static async Task RunAsync(Func<TriageDbContext> newContext)
    {
        var at = TimeProvider.System.GetUtcNow();
        await using var services = Services(newContext);
        var camau = Received("Cổng thông tin Cà Mau", at);
        var dongnai = Received("Hệ thống thư điện tử Đồng Nai", at.AddSeconds(1));
        var drill = Received("Cổng dịch vụ công Quảng Phú", at.AddSeconds(2));
        drill = drill with { Report = drill.Report with { Tlp = "RED", Drill = true, Observables = [new Observable("hash", Hash), new Observable("domain", "mail.quangphu.example.vn")] } };
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReportTriage>().TriageAsync([camau, dongnai, drill], Cancel);
        }

        Dictionary<string, Incident> incidents;
        await using (var db = newContext())
        {
            incidents = (await db.Incidents.AsNoTracking().ToListAsync(Cancel)).ToDictionary(i => i.Title.Contains("Cà Mau", StringComparison.Ordinal) ? "camau"
                : i.Title.Contains("Đồng Nai", StringComparison.Ordinal) ? "dongnai" : "drill");
            Assert.All(incidents.Values, i => Assert.True(i.SearchIndexed));
            await db.Incidents.Where(i => i.Id == incidents["camau"].Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, Lifecycle.Closed), Cancel);
            // Notifications engaged a unit on the Đồng Nai incident, announced twice.
            var engaged = new UnitEngaged(NewId.NextGuid(), incidents["dongnai"].Id, incidents["dongnai"].Number, "ttgs-dienbien", "Trung tâm Giám sát Điện Biên",
                "Dien Bien Monitoring Centre", "r1", "2026.1", 3, false, 2, at.AddMinutes(1));
            await db.AppendOnceAsync([PartnerActivityConsumer.Entry(engaged)], Cancel);
            await db.AppendOnceAsync([PartnerActivityConsumer.Entry(engaged with { Repeat = true })], Cancel);
        }

        // An incident from before the register, its unit engaged then too: found only once the backfill indexed it.
        var old = await TestIncidents.OpenAsync(newContext, "SC-2025-00007");
        await using (var db = newContext())
        {
            var incident = await db.Incidents.SingleAsync(i => i.Id == old.Id, Cancel);
            incident.Title = "Lộ dữ liệu Hà Giang";
            db.Append(incident, TimelineKinds.UnitEngaged, Actor.System, at, "x", "x", new { unit = "pa05-bn" });
            await db.SaveChangesAsync(Cancel);
        }

        Assert.Empty(await FindAsync(newContext, new RegisterQuery { Q = "ha giang" }));
        await using (var db = newContext())
        {
            Assert.Equal(1, await RegisterBackfill.IndexBatchAsync(db, 10, Cancel));
            Assert.Equal(0, await RegisterBackfill.IndexBatchAsync(db, 10, Cancel));
        }

        string Number(string key) => incidents[key].Number;

        // Search: without diacritics, đ as d, across open and closed, by observable, domain part, unit name, number.
        Assert.Equal([Number("camau")], await FindAsync(newContext, new RegisterQuery { Q = "ca mau", Status = "all" }));
        Assert.Equal([Number("camau")], await FindAsync(newContext, new RegisterQuery { Q = "CA MAU" }));
        Assert.Equal([Number("dongnai")], await FindAsync(newContext, new RegisterQuery { Q = "dong nai" }));
        Assert.Equal([Number("drill")], await FindAsync(newContext, new RegisterQuery { Q = Hash[..12] }));
        Assert.Equal([Number("drill")], await FindAsync(newContext, new RegisterQuery { Q = "quangphu.example" }));
        Assert.Equal([Number("dongnai")], await FindAsync(newContext, new RegisterQuery { Q = "dien bien" }));
        Assert.Equal([old.Number], await FindAsync(newContext, new RegisterQuery { Q = "ha giang" }));
        Assert.Equal([Number("dongnai")], await FindAsync(newContext, new RegisterQuery { Q = Number("dongnai").ToLowerInvariant() }));
        Assert.Equal([Number("camau"), Number("dongnai")], (await FindAsync(newContext, new RegisterQuery { Q = "198.51.100" })).Order()); // the drill reported a hash instead
        Assert.Empty(await FindAsync(newContext, new RegisterQuery { Q = "ca mau dong" }));

        // Filters.
        Assert.Equal([Number("camau")], await FindAsync(newContext, new RegisterQuery { Status = "closed" }));
        Assert.DoesNotContain(Number("camau"), await FindAsync(newContext, new RegisterQuery { Status = "open" }));
        Assert.Equal(4, (await FindAsync(newContext, new RegisterQuery { Status = "all" })).Count);
        Assert.Equal([Number("dongnai")], await FindAsync(newContext, new RegisterQuery { Unit = "ttgs-dienbien" }));
        Assert.Equal([old.Number], await FindAsync(newContext, new RegisterQuery { Unit = "pa05-bn" }));
        Assert.Equal([Number("drill")], await FindAsync(newContext, new RegisterQuery { Tlp = "red" }));
        Assert.Equal([Number("drill")], await FindAsync(newContext, new RegisterQuery { Drill = "true" }));
        Assert.Equal(3, (await FindAsync(newContext, new RegisterQuery { Class = "availability" })).Count);
        var level = incidents["camau"].SeverityLevel;
        var text = level.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(incidents.Values.Where(i => i.SeverityLevel == level).Select(i => i.Number).Order(),
            (await FindAsync(newContext, new RegisterQuery { Severity = text, Class = "availability" })).Order());
        Assert.Equal(incidents.Values.Where(i => i.SeverityLevel >= level).Select(i => i.Number).Order(),
            (await FindAsync(newContext, new RegisterQuery { MinSeverity = text, Class = "availability" })).Order());
        Assert.Equal(incidents.Values.Where(i => i.Serious).Select(i => i.Number).Order(), (await FindAsync(newContext, new RegisterQuery { Serious = "true" })).Order());
        Assert.Equal(3, (await FindAsync(newContext, new RegisterQuery { From = at.AddMinutes(-5).ToString("O"), To = at.AddMinutes(5).ToString("O"), Class = "availability" })).Count);
        Assert.Empty(await FindAsync(newContext, new RegisterQuery { From = at.AddMinutes(5).ToString("O"), Class = "availability" }));

        // Sorting and paging.
        var byNumber = incidents.Values.Select(i => i.Number).Append(old.Number).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(byNumber, await FindAsync(newContext, new RegisterQuery { Sort = "number", Order = "asc" }));
        Assert.Equal(byNumber.AsEnumerable().Reverse(), await FindAsync(newContext, new RegisterQuery { Sort = "number", Order = "desc" }));
        Assert.Equal([byNumber[1]], await FindAsync(newContext, new RegisterQuery { Sort = "number", Order = "asc", Page = "2", PageSize = "1" }));
        Assert.Equal([Number("drill"), Number("dongnai"), Number("camau")],
            await FindAsync(newContext, new RegisterQuery { Sort = "lastSeenAt", Order = "desc", Class = "availability" }));
    }

    /// <summary>The numbers the register lists for <paramref name="query"/>, in its order, one page.</summary>
    public static async Task<List<string>> FindAsync(Func<TriageDbContext> newContext, RegisterQuery query)
    {
        ArgumentNullException.ThrowIfNull(newContext);
        ArgumentNullException.ThrowIfNull(query);
        var (filter, errors) = query.Parse();
        Assert.Empty(errors);
        await using var db = newContext();
        return await filter!.Order(filter.Apply(db, db.Incidents.AsNoTracking())).Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize)
            .Select(i => i.Number).ToListAsync(Cancel);
    }

    private static ReportReceived Received(string system, DateTimeOffset at) =>
        new(NewId.NextGuid(), at, "api", "Trung tâm Hành chính công", SampleReports.DdosAsAnnounced(system));

    private static ServiceProvider Services(Func<TriageDbContext> newContext) => new ServiceCollection()
        .AddSingleton(TimeProvider.System)
        .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
        .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
        .AddSingleton(Options.Create(new TriageOptions()))
        .AddSingleton(ShippedRules.RuleBook)
        .AddSingleton<IncidentNumbers>()
        .AddScoped<ReportTriage>()
        .AddScoped(_ => newContext())
        .BuildServiceProvider();
}
