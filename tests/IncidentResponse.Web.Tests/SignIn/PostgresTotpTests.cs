using System.Security.Claims;
using IncidentResponse.Access.Data;
using IncidentResponse.Access.People;
using IncidentResponse.Access.SignIn;
using IncidentResponse.ServiceDefaults.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OtpNet;

namespace IncidentResponse.Web.Tests.SignIn;

/// <summary>On PostgreSQL: an authenticator is stored protected, confirmed, and each code's time step is spent once.</summary>
public sealed class PostgresTotpTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task An_enrolment_is_stored_protected_and_a_code_is_accepted_once()
    {
        var cancel = TestContext.Current.CancellationToken;
        var connection = await infrastructure.CreateDatabaseAsync(TestNames.Unique("access-totp"));
        var options = new DbContextOptionsBuilder<PostgresAccessDbContext>();
        options.UseServiceProvider(DatabaseProvider.Postgres, connection, AccessDbContext.SchemaName);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 8, 0, 1, TimeSpan.Zero));
        var protection = new EphemeralDataProtectionProvider();
        var settings = Options.Create(new SignInProtectionOptions());
        var user = new ConsoleUser { Id = Guid.NewGuid(), UserName = "dieu-phoi", NormalizedUserName = "DIEU-PHOI", SecurityStamp = "s", CreatedAt = clock.GetUtcNow() };
        string secret;

        await using (var db = new PostgresAccessDbContext(options.Options))
        {
            await db.Database.MigrateAsync(cancel);
            db.Users.Add(user);
            await db.SaveChangesAsync(cancel);
            var codes = new TwoFactorCodes(db, protection, clock, settings);
            secret = (await codes.SetupAsync(user, cancel))!.Secret;
            var code = new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(clock.GetUtcNow().UtcDateTime);
            Assert.NotNull(await codes.ConfirmAsync(user, code, new ClaimsPrincipal(), cancel));
        }

        await using (var db = new PostgresAccessDbContext(options.Options))
        {
            var stored = await db.Set<TotpEnrolment>().SingleAsync(e => e.UserId == user.Id, cancel);
            Assert.DoesNotContain(secret, stored.ProtectedSecret, StringComparison.Ordinal);
            Assert.NotNull(stored.ConfirmedAt);
            var codes = new TwoFactorCodes(db, protection, clock, settings);
            var sameStep = new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(clock.GetUtcNow().UtcDateTime);
            Assert.False(await codes.VerifyAsync(user.Id, sameStep, cancel));
            clock.Advance(TimeSpan.FromSeconds(30));
            var next = new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(clock.GetUtcNow().UtcDateTime);
            Assert.True(await codes.VerifyAsync(user.Id, next, cancel));
            Assert.False(await codes.VerifyAsync(user.Id, next, cancel));
        }
    }
}
