using IncidentResponse.Testing;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Incidents;
using IncidentResponse.Triage.Policy;
using IncidentResponse.Triage.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Triage.Tests.Incidents;

/// <summary>
/// Incident numbers on real triage databases: per year in the committee's time zone, in order, taken inside
/// the caller's transaction, so a rolled-back batch gives its numbers back and leaves no gap.
/// </summary>
public sealed class IncidentNumberTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.FromHours(7));

    private static readonly IncidentNumbers Numbers = new(Options.Create(new TriageOptions()));

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Numbers_come_in_order_and_those_of_a_rolled_back_batch_are_taken_again_on_SQLite()
    {
        using var database = await SqliteDatabase.CreateAsync();
        await NumbersComeInOrderWithoutGapsAsync(() => database.NewContext());
    }

    [Fact]
    public async Task Numbers_come_in_order_and_those_of_a_rolled_back_batch_are_taken_again_on_PostgreSQL()
    {
        var database = await PostgresDatabase.CreateAsync(infrastructure, "triage-numbers");
        await NumbersComeInOrderWithoutGapsAsync(() => database.NewContext());
    }

    [Fact]
    public async Task The_year_is_the_committees_so_half_past_midnight_on_new_years_day_in_Ha_Noi_starts_again_at_1()
    {
        using var database = await SqliteDatabase.CreateAsync();

        Assert.Equal(["SC-2026-00001"], await TakeAsync(() => database.NewContext(), 1, new DateTimeOffset(2026, 12, 31, 16, 30, 0, TimeSpan.Zero)));
        Assert.Equal(["SC-2027-00001"], await TakeAsync(() => database.NewContext(), 1, new DateTimeOffset(2026, 12, 31, 17, 30, 0, TimeSpan.Zero)));
        Assert.Equal(["SC-2026-00002"], await TakeAsync(() => database.NewContext(), 1, new DateTimeOffset(2026, 12, 31, 16, 45, 0, TimeSpan.Zero)));
    }

    [Fact]
    public async Task A_number_is_never_taken_outside_a_transaction()
    {
        using var database = await SqliteDatabase.CreateAsync();
        await using var db = database.NewContext();

        await Assert.ThrowsAsync<InvalidOperationException>(() => Numbers.TakeAsync(db, 1, Now, Cancel));
        Assert.False(await db.Counters.AnyAsync(Cancel));
    }

    private static async Task NumbersComeInOrderWithoutGapsAsync(Func<TriageDbContext> newContext)
    {
        Assert.Equal(["SC-2026-00001", "SC-2026-00002"], await TakeAsync(newContext, 2, Now));

        await using (var db = newContext())
        {
            await using var rolledBack = await db.Database.BeginTransactionAsync(Cancel);
            Assert.Equal(["SC-2026-00003", "SC-2026-00004", "SC-2026-00005"], await Numbers.TakeAsync(db, 3, Now, Cancel));
            await rolledBack.RollbackAsync(Cancel);
        }

        Assert.Equal(["SC-2026-00003"], await TakeAsync(newContext, 1, Now));
        Assert.Empty(await TakeAsync(newContext, 0, Now));
        await using var check = newContext();
        Assert.Equal(3, (await check.Counters.AsNoTracking().SingleAsync(Cancel)).Last);
    }

    private static async Task<IReadOnlyList<string>> TakeAsync(Func<TriageDbContext> newContext, int count, DateTimeOffset now)
    {
        await using var db = newContext();
        await using var transaction = await db.Database.BeginTransactionAsync(Cancel);
        var numbers = await Numbers.TakeAsync(db, count, now, Cancel);
        await transaction.CommitAsync(Cancel);
        return numbers;
    }
}
