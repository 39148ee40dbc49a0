using System.Globalization;
using IncidentResponse.Contracts.Reports;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Triage.Incidents;

namespace IncidentResponse.Triage.Documents;

/// <summary>
/// The official forms, filled from stored data: Mẫu 03 (initial report, TT 20/2017), Mẫu 04
/// (closing report), the personal-data breach notice (NĐ 13/2023 Điều 23) and Mẫu 05 (periodic
/// summary). Which field comes from where is in docs/legal-documents.md.
/// </summary>
public static class DocumentForms
{
    public const string Mau03 = "mau-03";
    public const string Mau04 = "mau-04";
    public const string PersonalDataNotice = "personal-data-notice";
    public const string Mau05 = "mau-05";

    /// <summary>Báo cáo diễn biến sự cố: how the response is going, as often as the committee asks (<see cref="CoordinationForms"/>).</summary>
    public const string ProgressReport = "progress-report";

    /// <summary>Báo cáo đề nghị hỗ trợ, phối hợp ứng cứu sự cố: a request for help (<see cref="CoordinationForms"/>).</summary>
    public const string SupportRequest = "support-request";

    /// <summary>Biên bản giao nhận chứng cứ: the evidence register handed to another body, each file with its SHA-256 (<see cref="CoordinationForms"/>).</summary>
    public const string EvidenceHandover = "evidence-handover";

    public static IReadOnlyList<string> IncidentForms { get; } = [Mau03, Mau04, PersonalDataNotice, ProgressReport, SupportRequest, EvidenceHandover];

    /// <summary>The personal-data notice's field for why it is late (filled by an edit when the duty has no reason yet).</summary>
    public const string LateReasonLabel = "Lý do thông báo chậm (sau 72 giờ)";

    /// <summary>The place before the date is the signer's locality, which no stored data gives: left for the signer (or an edit).</summary>
    public const string Place = "……";

    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>The form <paramref name="form"/> (one of <see cref="IncidentForms"/>) for one incident.</summary>
    public static OfficialDocument For(string form, IncidentFacts facts) => form switch
    {
        Mau03 => InitialReport(facts),
        Mau04 => ClosingReport(facts),
        PersonalDataNotice => PersonalDataBreachNotice(facts),
        ProgressReport => CoordinationForms.ProgressReport(facts),
        SupportRequest => CoordinationForms.SupportRequest(facts),
        EvidenceHandover => CoordinationForms.EvidenceHandover(facts),
        _ => throw new ArgumentOutOfRangeException(nameof(form), form, "unknown form"),
    };

    public static OfficialDocument InitialReport(IncidentFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var i = facts.Incident;
        var r = facts.Report;
        var system = facts.System;
        var reporter = r?.Reporter;
        var contact = r?.Contact;
        return new OfficialDocument($"{i.Number}-mau-03", $"Báo cáo ban đầu sự cố mạng {i.Number}",
        [
            .. Motto(),
            new DocumentLine("Mẫu 03", LineStyle.Centred),
            new DocumentLine("BÁO CÁO BAN ĐẦU SỰ CỐ MẠNG", LineStyle.Title),
            new DocumentLine($"Số hiệu sự cố: {i.Number}", LineStyle.Centred),
            new DocumentLine("Kính gửi: Ban Chỉ đạo ứng cứu khẩn cấp sự cố an toàn thông tin mạng tỉnh; Đơn vị chuyên trách ứng cứu sự cố; Cơ quan điều phối quốc gia", LineStyle.Text),
            new DocumentLine("1. Thông tin người báo cáo", LineStyle.Section),
            new DocumentField("Họ và tên", reporter?.Name, Required: true),
            new DocumentField("Tổ chức", reporter?.Organization),
            new DocumentField("Địa chỉ", reporter?.Address, Required: true),
            new DocumentField("Điện thoại", reporter?.Phone, Required: true),
            new DocumentField("Thư điện tử", reporter?.Email, Required: true),
            new DocumentLine("2. Người liên hệ", LineStyle.Section),
            new DocumentField("Họ và tên", contact?.Name, Required: true),
            new DocumentField("Chức vụ", contact?.Position, Required: true),
            new DocumentField("Điện thoại", contact?.Phone, Required: true),
            new DocumentField("Thư điện tử", contact?.Email, Required: true),
            new DocumentLine("3. Thông tin hệ thống bị sự cố", LineStyle.Section),
            new DocumentField("Đơn vị vận hành hệ thống thông tin", system?.Operator, Required: true),
            new DocumentField("Cơ quan chủ quản", system?.OwnerAgency),
            new DocumentField("Tên hệ thống thông tin", system?.Name),
            new DocumentField("Tên miền / địa chỉ IP", Join([.. system?.Domains ?? [], .. system?.Ips ?? []])),
            new DocumentField("Cấp độ an toàn hệ thống thông tin", Level(system)),
            new DocumentField("Đơn vị cung cấp dịch vụ an toàn thông tin", system?.SecurityProvider),
            new DocumentField("Nhà cung cấp dịch vụ kết nối (ISP)", system?.Isp),
            new DocumentLine("4. Thông tin sự cố", LineStyle.Section),
            new DocumentField("Tên sự cố", i.Title),
            new DocumentField("Mô tả sơ bộ về sự cố", r?.Description ?? i.Title, Required: true),
            new DocumentField("Phân loại sự cố", $"{facts.VietnameseType} ({i.Classification})"),
            new DocumentField("Mức độ", $"{(i.Serious ? "Nghiêm trọng" : "Thông thường")} — mức {SeverityLevels.Of(i.SeverityLevel).NameVi}"),
            new DocumentField("Ngày, giờ phát hiện sự cố", Time(i.DetectedAt, facts.Zone), Required: true),
            new DocumentField("Hiện trạng", Handled(i, r), Required: true),
            new DocumentField("Cách thức phát hiện", r?.DetectionMethod, Required: true),
            new DocumentField("Đã thông báo sự cố cho", Join(r?.AlreadyNotified), Required: true),
            new DocumentLine("5. Thông tin bổ sung về hệ thống", LineStyle.Section),
            new DocumentField("Hệ điều hành, phiên bản", system?.OperatingSystem),
            new DocumentField("Các dịch vụ có trên hệ thống", Join(system?.Services)),
            new DocumentField("Các biện pháp an toàn thông tin đã triển khai", Join(r?.MeasuresInPlace)),
            new DocumentField("Các địa chỉ IP công khai của hệ thống", Join(system?.Ips)),
            new DocumentField("Các tên miền của hệ thống", Join(system?.Domains)),
            new DocumentField("Mục đích chính sử dụng hệ thống", system?.Purpose),
            new DocumentField("Thông tin gửi kèm (nhật ký, mẫu mã độc, khác)", Attachments(r)),
            new DocumentField("Đề nghị giữ bí mật thông tin sự cố", Confidential(i.Tlp)),
            new DocumentField("Kiến nghị, đề xuất hỗ trợ", r?.Recommendations),
            new DocumentLine("6. Thời gian báo cáo", LineStyle.Section),
            new DocumentField("Thời gian báo cáo", Time(facts.IssuedAt, facts.Zone), Required: true),
            new DocumentLine("(*) Thông tin bắt buộc", LineStyle.Text),
            new DocumentLine($"{Place}, {Date(facts.IssuedAt, facts.Zone)}\nNGƯỜI BÁO CÁO\n(Ký, ghi rõ họ tên)", LineStyle.Note),
        ]);
    }

    public static OfficialDocument ClosingReport(IncidentFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var i = facts.Incident;
        var system = facts.System;
        var reporter = facts.Report?.Reporter;
        var result = i.Status == Lifecycle.Closed
            ? $"Đã kết thúc ứng phó lúc {Time(i.ClosedAt ?? facts.IssuedAt, facts.Zone)}; kết quả: {Resolution(i.Resolution)}"
            : $"Chưa kết thúc ứng phó; trạng thái hiện tại: {Lifecycle.Names[i.Status].Vi}";
        return new OfficialDocument($"{i.Number}-mau-04", $"Báo cáo kết thúc ứng phó sự cố {i.Number}",
        [
            .. Motto(),
            new DocumentLine("Mẫu 04", LineStyle.Centred),
            new DocumentLine("BÁO CÁO KẾT THÚC ỨNG PHÓ SỰ CỐ", LineStyle.Title),
            new DocumentLine($"Số hiệu sự cố: {i.Number}", LineStyle.Centred),
            new DocumentLine("1. Đơn vị, người báo cáo", LineStyle.Section),
            new DocumentField("Tên đơn vị / người báo cáo", Join([reporter?.Organization, reporter?.Name])),
            new DocumentField("Địa chỉ", reporter?.Address),
            new DocumentField("Điện thoại", reporter?.Phone),
            new DocumentField("Thư điện tử", reporter?.Email),
            new DocumentLine("2. Báo cáo ban đầu", LineStyle.Section),
            new DocumentField("Số, ngày báo cáo ban đầu sự cố", facts.IssuedInitialReport is { } mau03
                ? $"{i.Number}, Mẫu 03 phiên bản {mau03.Version}, {Date(mau03.IssuedAt, facts.Zone)}"
                : $"{i.Number}, {Date(i.OpenedAt, facts.Zone)}"),
            new DocumentLine("3. Hệ thống bị sự cố", LineStyle.Section),
            new DocumentField("Tên hệ thống thông tin", system?.Name),
            new DocumentField("Cấp độ an toàn hệ thống thông tin", Level(system)),
            new DocumentField("Cơ quan chủ quản", system?.OwnerAgency),
            new DocumentLine("4. Sự cố", LineStyle.Section),
            new DocumentField("Tên sự cố", i.Title),
            new DocumentField("Loại sự cố", $"{facts.VietnameseType} ({i.Classification})"),
            new DocumentField("Thời điểm phát hiện", Time(i.DetectedAt, facts.Zone)),
            new DocumentField("Các biện pháp ứng cứu đã thực hiện", null),
            new DocumentField("Kết quả xử lý sự cố", result),
            new DocumentField("Kiến nghị, đề xuất", null),
            new DocumentField("Tài liệu kèm theo", Attachments(facts.Report)),
            new DocumentLine($"{Place}, {Date(facts.IssuedAt, facts.Zone)}\nNGƯỜI BÁO CÁO\n(Ký, ghi rõ họ tên)", LineStyle.Note),
        ]);
    }

    public static OfficialDocument PersonalDataBreachNotice(IncidentFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var i = facts.Incident;
        var r = facts.Report;
        var system = facts.System;
        var contact = r?.Contact;
        // NĐ 13/2023 Điều 23: a notice after its 72 hours says why it is late (the duty's reason once submitted, else for the signer to fill).
        var duty = i.Deadlines.FirstOrDefault(d => d.Kind == PersonalDataNotice);
        var late = facts.IssuedAt > (duty?.DueAt ?? i.DetectedAt.AddHours(72));
        return new OfficialDocument($"{i.Number}-thong-bao-du-lieu-ca-nhan", $"Thông báo vi phạm quy định bảo vệ dữ liệu cá nhân {i.Number}",
        [
            .. Motto(),
            new DocumentLine("THÔNG BÁO VI PHẠM QUY ĐỊNH VỀ BẢO VỆ DỮ LIỆU CÁ NHÂN", LineStyle.Title),
            new DocumentLine($"Số hiệu sự cố: {i.Number}", LineStyle.Centred),
            new DocumentLine("Kính gửi: Bộ Công an (Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao — A05)", LineStyle.Text),
            new DocumentLine("Căn cứ Điều 23 Nghị định 13/2023/NĐ-CP, thông báo trong vòng 72 giờ kể từ khi phát hiện vi phạm:", LineStyle.Text),
            new DocumentLine("1. Mô tả tính chất của việc vi phạm", LineStyle.Section),
            new DocumentField("Thời gian phát hiện", Time(i.DetectedAt, facts.Zone), Required: true),
            new DocumentField("Hạn thông báo (72 giờ)", Time(i.DetectedAt.AddHours(72), facts.Zone)),
            new DocumentField("Địa điểm, hệ thống", Join([system?.Name, system?.OwnerAgency])),
            new DocumentField("Hành vi vi phạm", r?.Description ?? i.Title, Required: true),
            new DocumentField("Tổ chức, cá nhân liên quan", Join([system?.Operator, system?.OwnerAgency])),
            new DocumentField("Loại dữ liệu cá nhân và số lượng dữ liệu liên quan", null),
            new DocumentLine("2. Chi tiết liên lạc của người được giao bảo vệ dữ liệu", LineStyle.Section),
            new DocumentField("Họ và tên", contact?.Name, Required: true),
            new DocumentField("Chức vụ", contact?.Position),
            new DocumentField("Điện thoại", contact?.Phone, Required: true),
            new DocumentField("Thư điện tử", contact?.Email, Required: true),
            new DocumentLine("3. Hậu quả, thiệt hại có thể xảy ra", LineStyle.Section),
            new DocumentField("Mô tả hậu quả, thiệt hại", Impact(facts.Impact)),
            new DocumentLine("4. Biện pháp giải quyết, giảm thiểu tác hại", LineStyle.Section),
            new DocumentField("Hiện trạng", Handled(i, r)),
            new DocumentField("Các biện pháp đã đưa ra", Join(r?.MeasuresInPlace)),
            new DocumentField("Kiến nghị", r?.Recommendations),
            new DocumentField("Thời gian thông báo", Time(facts.IssuedAt, facts.Zone), Required: true),
            new DocumentField(LateReasonLabel, late ? duty?.LateReason : "Không — thông báo trong thời hạn", Required: late),
            new DocumentLine($"{Place}, {Date(facts.IssuedAt, facts.Zone)}\nĐẠI DIỆN ĐƠN VỊ THÔNG BÁO\n(Ký, ghi rõ họ tên)", LineStyle.Note),
        ]);
    }

    /// <summary>Mẫu 05: the incidents detected in the period, counted by the ten Vietnamese types.</summary>
    public static OfficialDocument PeriodicSummary(PeriodicCounts counts, TimeZoneInfo zone, DateTimeOffset issuedAt)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(zone);
        var rows = counts.ByType.Select((c, n) => (IReadOnlyList<string>)[(n + 1).ToString(Vi), c.Type.Name.Vi, Number(c.Count), Number(c.Serious)]).ToList();
        rows.Add(["", "Tổng cộng", Number(counts.Total), Number(counts.ByType.Sum(c => c.Serious))]);
        var period = counts.Half is { } half ? $"6 THÁNG {(half == 1 ? "ĐẦU" : "CUỐI")} NĂM {counts.Year}" : $"NĂM {counts.Year}";
        var file = counts.Half is { } h ? $"mau-05-{counts.Year}-h{h}" : $"mau-05-{counts.Year}";
        return new OfficialDocument(file, $"Báo cáo tổng hợp tình hình sự cố {period.ToLower(Vi)}",
        [
            .. Motto(),
            new DocumentLine("Mẫu 05", LineStyle.Centred),
            new DocumentLine($"BÁO CÁO TỔNG HỢP TÌNH HÌNH SỰ CỐ MẠNG {period}", LineStyle.Title),
            new DocumentField("Kỳ báo cáo", $"Từ {Date(counts.From, zone)} đến {Date(counts.To.AddTicks(-1), zone)}"),
            new DocumentField("Hạn gửi báo cáo", counts.Half is 1 ? $"trước ngày 20/6/{counts.Year}" : $"trước ngày 15/12/{counts.Year}"),
            new DocumentField("Số liệu tính đến", Time(issuedAt < counts.To ? issuedAt : counts.To, zone)),
            new DocumentField("Bảng phân loại", $"vn-incident-types {counts.MappingVersion} (ánh xạ từ RSIT)"),
            new DocumentLine("Số lượng sự cố theo loại", LineStyle.Section),
            new DocumentTable(["STT", "Loại sự cố", "Số lượng", "Trong đó nghiêm trọng"], rows, [0.6, 4.4, 1.2, 1.8]),
            new DocumentLine($"{Date(issuedAt, zone)}\nTHỦ TRƯỞNG ĐƠN VỊ\n(Ký, ghi rõ họ tên, đóng dấu)", LineStyle.Note),
        ]);
    }

    internal static IEnumerable<DocumentBlock> Motto() =>
    [
        new DocumentLine("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", LineStyle.Centred),
        new DocumentLine("Độc lập - Tự do - Hạnh phúc", LineStyle.Centred),
    ];

    private static string Number(int value) => value.ToString(Vi);

    internal static string Handled(Incident incident, IncidentReport? report) =>
        incident.Status == Lifecycle.Closed || report?.CurrentStatus is "handled" ? "Đã được xử lý" : "Chưa được xử lý";

    internal static string Confidential(string tlp) => tlp switch
    {
        Tlp.Red or Tlp.Amber or Tlp.AmberStrict => $"Có (TLP:{tlp})",
        _ => $"Không (TLP:{tlp})",
    };

    internal static string? Attachments(IncidentReport? report) =>
        report is null || report.Observables.Count == 0 ? null
        : $"{report.Observables.Count} dấu hiệu kỹ thuật (observables): {Join(report.Observables.Select(o => $"{o.Type} {o.Value}"))}";

    private static string Resolution(string? resolution) =>
        resolution is not null && Lifecycle.Resolutions.Contains(resolution) || resolution == Lifecycle.ResolvedAtSource
            ? IncidentResolutions.Names[resolution!].Vi
            : OfficialDocument.Blank;

    /// <summary>
    /// <paramref name="impact"/> with the facts declared on <paramref name="incident"/> since (personal data, national security
    /// or public order: a person's declaration or a later report), which only ever become true.
    /// </summary>
    internal static ImpactAssessment? WithDeclared(ImpactAssessment? impact, Incident incident) =>
        !incident.PersonalData && !incident.NationalSecurityOrPublicOrder
            ? impact
            : (impact ?? new ImpactAssessment(null, null, null, null, null, null)) with
            {
                PersonalData = incident.PersonalData ? true : impact?.PersonalData,
                NationalSecurityOrPublicOrder = incident.NationalSecurityOrPublicOrder ? true : impact?.NationalSecurityOrPublicOrder,
            };

    /// <summary>The reporter's impact in the form's words (the scales' Vietnamese names, the legal facts stated true).</summary>
    internal static string? Impact(ImpactAssessment? impact) => impact is null ? null : Join(
    [
        impact.Functional is { } f ? $"ảnh hưởng chức năng: {ImpactScales.FunctionalName(f, english: false)}" : null,
        impact.Information is { } info ? $"ảnh hưởng thông tin: {ImpactScales.InformationName(info, english: false)}" : null,
        impact.Recoverability is { } rec ? $"khả năng khôi phục: {ImpactScales.RecoverabilityName(rec, english: false)}" : null,
        impact.ServiceInterrupted is true ? "dịch vụ bị gián đoạn" : null,
        impact.PersonalData is true ? "có dữ liệu cá nhân bị ảnh hưởng" : null,
        impact.StateSecrets is true ? "có khả năng lộ bí mật nhà nước" : null,
        impact.MaySpread is true ? "có khả năng lan rộng sang hệ thống cấp độ 4, 5 khác" : null,
        impact.NationalSecurityOrPublicOrder is true ? "có thể gây phương hại an ninh quốc gia, trật tự an toàn xã hội" : null,
    ]);


    internal static string? Join(IEnumerable<string?>? values)
    {
        var present = values?.Where(v => !string.IsNullOrWhiteSpace(v)).ToList() ?? [];
        return present.Count == 0 ? null : string.Join("; ", present);
    }

    internal static string Time(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("HH:mm 'ngày' dd/MM/yyyy", CultureInfo.InvariantCulture);

    internal static string Date(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return string.Create(CultureInfo.InvariantCulture, $"ngày {local.Day:00} tháng {local.Month:00} năm {local.Year}");
    }

    /// <summary>The system's level as the forms write it, and that it is on the national critical list when it is (why a level-3 system can be serious).</summary>
    private static string? Level(Contracts.Reports.AffectedSystem? system) => (system?.SecurityLevel, system?.NationalCritical) switch
    {
        ({ } level, true) => $"Cấp độ {level}, thuộc danh mục hệ thống thông tin quan trọng quốc gia",
        ({ } level, _) => $"Cấp độ {level}",
        (null, true) => "Thuộc danh mục hệ thống thông tin quan trọng quốc gia",
        _ => null,
    };

}

/// <summary>What a form about one incident is filled from: the stored incident, its first report (the legal initial report if there is one) and when it is issued.</summary>
public sealed record IncidentFacts(Incident Incident, IncidentReport? Report, string VietnameseType, TimeZoneInfo Zone, DateTimeOffset IssuedAt)
{
    /// <summary>The affected system as stored on the incident, else as in the report.</summary>
    public AffectedSystem? System { get; init; } = Incident?.AffectedSystem is { } json ? IncidentJson.Read<AffectedSystem>(json) : Report?.AffectedSystem;

    /// <summary>
    /// What the forms describe as the impact: the report's, with the facts declared on the incident since (before, a personal-data
    /// or national-security declaration made after the report was left out of "Mô tả hậu quả").
    /// </summary>
    public ImpactAssessment? Impact => Incident is null ? Report?.Impact : DocumentForms.WithDeclared(Report?.Impact, Incident);

    /// <summary>The latest issued Mẫu 03 of the incident, which Mẫu 04 names as the initial report.</summary>
    public IssuedVersion? IssuedInitialReport { get; init; }

    /// <summary>The latest issued progress report, which the next one counts from.</summary>
    public IssuedVersion? IssuedProgressReport { get; init; }

    /// <summary>The units engaged on the incident and how far each has gone, as the timeline records them.</summary>
    public IReadOnlyList<UnitProgress> Units { get; init; } = [];

    /// <summary>The incident's evidence register, without the files' bytes.</summary>
    public IReadOnlyList<Contracts.Api.Evidence.EvidenceView> Evidence { get; init; } = [];
}

/// <summary>An issued version of a form: its number and when it was issued.</summary>
public sealed record IssuedVersion(int Version, DateTimeOffset IssuedAt);

/// <summary>Mẫu 05's numbers: per type in the mapping's order, with how many were serious.</summary>
public sealed record PeriodicCounts(int Year, int? Half, DateTimeOffset From, DateTimeOffset To, string MappingVersion, IReadOnlyList<TypeCount> ByType)
{
    public int Total => ByType.Sum(c => c.Count);
}

/// <summary>The incidents of one Vietnamese type in the period.</summary>
public sealed record TypeCount(VietnameseIncidentType Type, int Count, int Serious);
