using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Deliveries;
using IncidentResponse.Notifications.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Notifications.Tests.Deliveries;

/// <summary>
/// On PostgreSQL a notice (3 KB with its legal deadlines, eight per report) is compressed with lz4, not the default pglz:
/// pglz was 4 % of the server's CPU under load. The notice reads back as written.
/// </summary>
public sealed class NoticeCompressionTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_large_notice_is_stored_compressed_with_lz4_and_reads_back_as_written()
    {
        await using var world = await EngagementWorld.PostgresAsync(await infrastructure.CreateDatabaseAsync("notice_lz4_" + Guid.NewGuid().ToString("N")[..12]));
        var id = Guid.NewGuid();
        var notice = "{\"deadlines\":[" + string.Join(',', Enumerable.Range(0, 40).Select(i =>
            $"{{\"kind\":\"report-{i}\",\"nameVi\":\"Báo cáo ban đầu sự cố nghiêm trọng {i}\",\"nameEn\":\"Initial report {i}\",\"basis\":\"Điều 11\"}}")) + "]}";
        Assert.True(notice.Length > 3000);
        await world.WithDbAsync(db =>
        {
            db.Notifications.Add(new Notification
            {
                Id = id, IdempotencyKey = "lz4:" + id, IncidentId = Guid.NewGuid(), IncidentNumber = "SC-2026-90001", UnitCode = "vnpt-bn",
                RecipientKey = "unit:vnpt-bn", RecipientName = "VNPT Bắc Ninh", Language = "vi", TimeZone = "Asia/Ho_Chi_Minh", Kind = "Engaged",
                Destinations = "[]", Notice = notice, AcknowledgeCode = "ABCD2345", Status = NotificationStatus.Delivered,
                CreatedAt = DateTimeOffset.UnixEpoch, NextAttemptAt = DateTimeOffset.UnixEpoch,
            });
            return db.SaveChangesAsync(Cancel);
        });

        var method = await world.WithDbAsync(db => db.Database
            .SqlQuery<string>($"SELECT pg_column_compression(notice) AS \"Value\" FROM notifications.notifications WHERE id = {id}").SingleAsync(Cancel));
        var stored = await world.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.Id == id).Select(n => n.Notice).SingleAsync(Cancel));
        Assert.Equal("lz4", method);
        Assert.Equal(notice, stored);
    }
}
