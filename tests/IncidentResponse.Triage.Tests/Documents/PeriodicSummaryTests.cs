using IncidentResponse.Triage.Documents;
using IncidentResponse.Triage.Incidents;
using IncidentResponse.Triage.Tests.Support;

namespace IncidentResponse.Triage.Tests.Documents;

/// <summary>Mẫu 05 counts the incidents detected in the period by the ten Vietnamese types, as the shipped mapping says.</summary>
public sealed class PeriodicSummaryTests
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
    private static readonly TimeSpan Vn = TimeSpan.FromHours(7);

    [Fact]
    public void The_shipped_mapping_has_the_ten_types_and_maps_every_RSIT_value()
    {
        var types = VietnameseIncidentTypes.Load(ShippedRules.Directory);
        Assert.Equal(10, types.Types.Count);
        Assert.Equal("Từ chối dịch vụ", types.Of("availability:ddos", "DDoS").Name.Vi);
        Assert.Equal("Tấn công sử dụng mã độc", types.Of("malicious-code:infected-system", "Máy chủ nhiễm mã độc").Name.Vi);
        Assert.Equal("Mã hóa phần mềm, dữ liệu, thiết bị", types.Of("malicious-code:infected-system", "Mã độc tống tiền mã hóa dữ liệu").Name.Vi);
        Assert.Equal("Khác", types.Of("vulnerable:weak-crypto", "TLS cũ").Name.Vi);
        foreach (var (cls, kinds) in IncidentResponse.Contracts.Vocabulary.Rsit.Classes)
        {
            foreach (var kind in kinds)
            {
                Assert.NotNull(types.Of($"{cls}:{kind}", null));
            }
        }
    }

    [Fact]
    public async Task The_half_year_and_the_year_count_only_the_incidents_detected_in_them_by_type()
    {
        using var database = await SqliteDatabase.CreateAsync();
        await using (var db = database.NewContext())
        {
            db.Incidents.AddRange(
                Incident("availability:ddos", new DateTimeOffset(2026, 1, 1, 0, 30, 0, Vn), serious: true),
                Incident("availability:dos", new DateTimeOffset(2026, 6, 30, 23, 0, 0, Vn)),
                Incident("fraud:phishing", new DateTimeOffset(2026, 3, 10, 9, 0, 0, Vn)),
                Incident("malicious-code:infected-system", new DateTimeOffset(2026, 8, 1, 9, 0, 0, Vn)),
                Incident("intrusions:system-compromise", new DateTimeOffset(2026, 12, 31, 23, 59, 0, Vn)),
                Incident("availability:ddos", new DateTimeOffset(2025, 12, 31, 23, 59, 0, Vn)),
                Incident("availability:ddos", new DateTimeOffset(2026, 6, 30, 17, 30, 0, TimeSpan.Zero)),
                Incident("fraud:phishing", new DateTimeOffset(2027, 1, 1, 0, 0, 0, Vn)));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var types = VietnameseIncidentTypes.Load(ShippedRules.Directory);
        await using (var db = database.NewContext())
        {
            var half = await PeriodicSummary.CountAsync(db, types, Zone, 2026, 1, TestContext.Current.CancellationToken);
            Assert.Equal(3, half.Total);
            Assert.Equal(2, Count(half, "Từ chối dịch vụ"));
            Assert.Equal(1, half.ByType.Single(c => c.Type.Name.Vi == "Từ chối dịch vụ").Serious);
            Assert.Equal(1, Count(half, "Tấn công giả mạo"));

            var year = await PeriodicSummary.CountAsync(db, types, Zone, 2026, null, TestContext.Current.CancellationToken);
            Assert.Equal(6, year.Total);
            Assert.Equal(3, Count(year, "Từ chối dịch vụ"));
            Assert.Equal(1, Count(year, "Tấn công sử dụng mã độc"));
            Assert.Equal(1, Count(year, "Truy cập trái phép, chiếm quyền điều khiển"));
            Assert.Equal(0, Count(year, "Khác"));

            var pdf = await DocumentReading.PdfTextAsync(PdfRenderer.Render(DocumentForms.PeriodicSummary(half, Zone, TimeProvider.System.GetUtcNow())));
            Assert.Contains("6 THÁNG ĐẦU NĂM 2026", pdf, StringComparison.Ordinal);
            Assert.Contains("Tấn công giả mạo", pdf, StringComparison.Ordinal);
            Assert.Contains("Nghe trộm, gián điệp, lấy cắp thông tin, dữ liệu", pdf, StringComparison.Ordinal);
            var docx = DocumentReading.DocxText(DocxRenderer.Render(DocumentForms.PeriodicSummary(year, Zone, TimeProvider.System.GetUtcNow())));
            Assert.Contains("NĂM 2026", docx, StringComparison.Ordinal);
            Assert.Contains("Từ chối dịch vụ\n3\n1", docx, StringComparison.Ordinal);
            Assert.Contains("Tổng cộng\n6\n1", docx, StringComparison.Ordinal);
        }
    }

    private static int Count(PeriodicCounts counts, string type) => counts.ByType.Single(c => c.Type.Name.Vi == type).Count;

    private static Incident Incident(string classification, DateTimeOffset detectedAt, bool serious = false) => new()
    {
        Id = Guid.NewGuid(),
        Number = $"SC-{Guid.NewGuid():N}"[..20],
        Title = "Sự cố " + classification,
        Classification = classification,
        Status = Lifecycle.New,
        SeverityLevel = 2,
        Serious = serious,
        Tlp = "AMBER",
        DetectedAt = detectedAt,
        OpenedAt = detectedAt,
        LastSeenAt = detectedAt,
        Fingerprint = Guid.NewGuid().ToString("N"),
        PolicyVersion = "2026.1",
        Regime = "vn-2017",
        Assessment = "{}",
    };
}
