using System.Text.Json.Serialization;

namespace IncidentResponse.Contracts.Api.Documents;

/// <summary>
/// An operator's wording of the free-text fields of an official form, before it is previewed or issued
/// (<c>POST /api/v1/incidents/{id}/documents/{form}/preview|issue</c>). Every field is optional: a field left
/// out keeps what the stored data gives, a given one replaces it (blank text prints "—"). Each form takes only
/// its own fields; a field of another form, or an unknown one, is a 400 naming it.
/// <list type="bullet">
/// <item><c>mau-03</c>: addressedTo, description, detectionMethod, alreadyNotified, measuresInPlace, attachments, confidential, recommendations, place, signer.</item>
/// <item><c>mau-04</c>: initialReportReference, measuresTaken, result, recommendations, attachments, place, signer.</item>
/// <item><c>personal-data-notice</c>: description, organisations, dataKinds, consequences, measuresTaken, recommendations, lateReason, place, signer.</item>
/// <item><c>progress-report</c>: addressedTo, initialReportReference, developments, cause, scope, measuresTaken, nextSteps, recommendations, place, signer.</item>
/// <item><c>evidence-handover</c>: handingParty, receivingParty, handoverNote, place (two people sign: no signer).</item>
/// <item><c>support-request</c>: addressedTo, requestingUnit, contactPerson, description, measuresTaken, supportRequested, resources, neededBy, attachments, place, signer.</item>
/// </list>
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record DocumentEdits
{
    /// <summary>"Kính gửi" (Mẫu 03, progress report, request for support).</summary>
    public string? AddressedTo { get; init; }

    /// <summary>"Mô tả sơ bộ về sự cố" (Mẫu 03); "Hành vi vi phạm" (personal-data notice); "Mô tả sự cố" (request for support).</summary>
    public string? Description { get; init; }

    /// <summary>"Cách thức phát hiện" (Mẫu 03).</summary>
    public string? DetectionMethod { get; init; }

    /// <summary>"Đã thông báo sự cố cho" (Mẫu 03).</summary>
    public string? AlreadyNotified { get; init; }

    /// <summary>"Các biện pháp an toàn thông tin đã triển khai" (Mẫu 03).</summary>
    public string? MeasuresInPlace { get; init; }

    /// <summary>"Thông tin gửi kèm" (Mẫu 03, request for support), "Tài liệu kèm theo" (Mẫu 04).</summary>
    public string? Attachments { get; init; }

    /// <summary>"Đề nghị giữ bí mật thông tin sự cố" (Mẫu 03): yes or no; left out, it follows the TLP.</summary>
    public bool? Confidential { get; init; }

    /// <summary>"Kiến nghị, đề xuất" (every form but the request for support).</summary>
    public string? Recommendations { get; init; }

    /// <summary>"Số, ngày báo cáo ban đầu sự cố" (Mẫu 04), "Báo cáo ban đầu sự cố" (progress report), e.g. the official number of the initial report.</summary>
    public string? InitialReportReference { get; init; }

    /// <summary>"Các biện pháp ứng cứu đã thực hiện" (Mẫu 04, progress report, request for support), "Các biện pháp đã đưa ra" (personal-data notice).</summary>
    public string? MeasuresTaken { get; init; }

    /// <summary>"Kết quả xử lý sự cố" (Mẫu 04).</summary>
    public string? Result { get; init; }

    /// <summary>"Tổ chức, cá nhân liên quan" (personal-data notice).</summary>
    public string? Organisations { get; init; }

    /// <summary>"Loại dữ liệu cá nhân và số lượng dữ liệu liên quan" (personal-data notice).</summary>
    public string? DataKinds { get; init; }

    /// <summary>"Mô tả hậu quả, thiệt hại" (personal-data notice).</summary>
    public string? Consequences { get; init; }

    /// <summary>"Lý do thông báo chậm (sau 72 giờ)" (personal-data notice; NĐ 13/2023 Điều 23).</summary>
    public string? LateReason { get; init; }

    /// <summary>"Diễn biến chính từ lần báo cáo trước" (progress report; required).</summary>
    public string? Developments { get; init; }

    /// <summary>"Nguyên nhân (nếu đã xác định)" (progress report).</summary>
    public string? Cause { get; init; }

    /// <summary>"Phạm vi, mức độ ảnh hưởng" (progress report; left out, the report's impact).</summary>
    public string? Scope { get; init; }

    /// <summary>"Kế hoạch xử lý tiếp theo" (progress report).</summary>
    public string? NextSteps { get; init; }

    /// <summary>"Tên đơn vị đề nghị" (request for support; left out, the reporter's organisation and the system's operator).</summary>
    public string? RequestingUnit { get; init; }

    /// <summary>"Người liên hệ" (request for support; left out, the report's contact person).</summary>
    public string? ContactPerson { get; init; }

    /// <summary>"Nội dung đề nghị hỗ trợ, phối hợp" (request for support; required).</summary>
    public string? SupportRequested { get; init; }

    /// <summary>"Nguồn lực đề nghị (chuyên gia, công cụ, thiết bị)" (request for support).</summary>
    public string? Resources { get; init; }

    /// <summary>"Thời gian cần hỗ trợ" (request for support).</summary>
    public string? NeededBy { get; init; }

    /// <summary>"Bên giao" (evidence hand-over record; required): who hands the evidence over, their unit and position.</summary>
    public string? HandingParty { get; init; }

    /// <summary>"Bên nhận" (evidence hand-over record; required): who receives it, e.g. the Police officer and their unit.</summary>
    public string? ReceivingParty { get; init; }

    /// <summary>"Ghi chú" (evidence hand-over record): the medium the files were handed over on, seals, what was left out.</summary>
    public string? HandoverNote { get; init; }

    /// <summary>The place before the date ("Bắc Ninh, ngày …"); left out, dots for the signer.</summary>
    public string? Place { get; init; }

    /// <summary>The signer's name under the signature line.</summary>
    public string? Signer { get; init; }
}
