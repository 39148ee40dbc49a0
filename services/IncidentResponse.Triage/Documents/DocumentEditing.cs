using IncidentResponse.Contracts.Api.Documents;

namespace IncidentResponse.Triage.Documents;

/// <summary>
/// Which fields of each form an operator may word before issuing, and how the wording goes onto the form: each editable
/// field is named by its label on the form (or the "Kính gửi" line, or the place-and-signature note), so the forms stay
/// filled from stored data and an edit replaces only what it names. The table is the one list of editable fields.
/// </summary>
public static class DocumentEditing
{
    /// <summary>At most this many characters per free-text field.</summary>
    public const int MaxText = 4000;

    /// <summary>At most this many characters for the place and the signer.</summary>
    public const int MaxShort = 200;

    /// <summary>At most this many characters of <paramref name="field"/>: the late reason as long as the duty's, so one wording fits both.</summary>
    public static int MaxOf(string field) => field switch
    {
        "place" or "signer" => MaxShort,
        "lateReason" => Incidents.DutyEndpoints.MaxText,
        _ => MaxText,
    };

    public const string AddressedToLine = "Kính gửi: ";

    /// <summary>Editable field (its JSON name) → the label of the form field it replaces, per form.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Fields { get; } = new Dictionary<string, IReadOnlyDictionary<string, string>>
    {
        [DocumentForms.Mau03] = new Dictionary<string, string>
        {
            ["addressedTo"] = AddressedToLine,
            ["description"] = "Mô tả sơ bộ về sự cố",
            ["detectionMethod"] = "Cách thức phát hiện",
            ["alreadyNotified"] = "Đã thông báo sự cố cho",
            ["measuresInPlace"] = "Các biện pháp an toàn thông tin đã triển khai",
            ["attachments"] = "Thông tin gửi kèm (nhật ký, mẫu mã độc, khác)",
            ["confidential"] = "Đề nghị giữ bí mật thông tin sự cố",
            ["recommendations"] = "Kiến nghị, đề xuất hỗ trợ",
            ["place"] = "",
            ["signer"] = "",
        },
        [DocumentForms.Mau04] = new Dictionary<string, string>
        {
            ["initialReportReference"] = "Số, ngày báo cáo ban đầu sự cố",
            ["measuresTaken"] = "Các biện pháp ứng cứu đã thực hiện",
            ["result"] = "Kết quả xử lý sự cố",
            ["recommendations"] = "Kiến nghị, đề xuất",
            ["attachments"] = "Tài liệu kèm theo",
            ["place"] = "",
            ["signer"] = "",
        },
        [DocumentForms.PersonalDataNotice] = new Dictionary<string, string>
        {
            ["description"] = "Hành vi vi phạm",
            ["organisations"] = "Tổ chức, cá nhân liên quan",
            ["dataKinds"] = "Loại dữ liệu cá nhân và số lượng dữ liệu liên quan",
            ["consequences"] = "Mô tả hậu quả, thiệt hại",
            ["measuresTaken"] = "Các biện pháp đã đưa ra",
            ["recommendations"] = "Kiến nghị",
            ["lateReason"] = DocumentForms.LateReasonLabel,
            ["place"] = "",
            ["signer"] = "",
        },
        [DocumentForms.ProgressReport] = new Dictionary<string, string>
        {
            ["addressedTo"] = AddressedToLine,
            ["initialReportReference"] = CoordinationForms.InitialReportLabel,
            ["developments"] = CoordinationForms.DevelopmentsLabel,
            ["cause"] = "Nguyên nhân (nếu đã xác định)",
            ["scope"] = "Phạm vi, mức độ ảnh hưởng",
            ["measuresTaken"] = "Các biện pháp ứng cứu đã thực hiện",
            ["nextSteps"] = "Kế hoạch xử lý tiếp theo",
            ["recommendations"] = "Kiến nghị, đề xuất hỗ trợ",
            ["place"] = "",
            ["signer"] = "",
        },
        [DocumentForms.EvidenceHandover] = new Dictionary<string, string>
        {
            ["handingParty"] = CoordinationForms.HandingPartyLabel,
            ["receivingParty"] = CoordinationForms.ReceivingPartyLabel,
            ["handoverNote"] = "Ghi chú",
            ["place"] = "", // no signer: two people sign, each writing their own name
        },
        [DocumentForms.SupportRequest] = new Dictionary<string, string>
        {
            ["addressedTo"] = AddressedToLine,
            ["requestingUnit"] = "Tên đơn vị đề nghị",
            ["contactPerson"] = "Người liên hệ",
            ["description"] = "Mô tả sự cố",
            ["measuresTaken"] = "Các biện pháp ứng cứu đã thực hiện",
            ["supportRequested"] = CoordinationForms.SupportRequestedLabel,
            ["resources"] = "Nguồn lực đề nghị (chuyên gia, công cụ, thiết bị)",
            ["neededBy"] = "Thời gian cần hỗ trợ",
            ["attachments"] = "Thông tin gửi kèm",
            ["place"] = "",
            ["signer"] = "",
        },
    };

    /// <summary>The edits given, by JSON name (text, or "Có"/"Không" for the yes/no field).</summary>
    public static IReadOnlyList<(string Field, string Value)> Given(DocumentEdits edits)
    {
        ArgumentNullException.ThrowIfNull(edits);
        (string, string?)[] all =
        [
            ("addressedTo", edits.AddressedTo), ("description", edits.Description), ("detectionMethod", edits.DetectionMethod),
            ("alreadyNotified", edits.AlreadyNotified), ("measuresInPlace", edits.MeasuresInPlace), ("attachments", edits.Attachments),
            ("confidential", edits.Confidential switch { true => "Có", false => "Không", null => null }), ("recommendations", edits.Recommendations),
            ("initialReportReference", edits.InitialReportReference), ("measuresTaken", edits.MeasuresTaken), ("result", edits.Result),
            ("organisations", edits.Organisations), ("dataKinds", edits.DataKinds), ("consequences", edits.Consequences),
            ("lateReason", edits.LateReason), ("developments", edits.Developments), ("cause", edits.Cause), ("scope", edits.Scope),
            ("nextSteps", edits.NextSteps), ("requestingUnit", edits.RequestingUnit), ("contactPerson", edits.ContactPerson),
            ("supportRequested", edits.SupportRequested), ("resources", edits.Resources), ("neededBy", edits.NeededBy),
            ("handingParty", edits.HandingParty), ("receivingParty", edits.ReceivingParty), ("handoverNote", edits.HandoverNote),
            ("place", edits.Place), ("signer", edits.Signer),
        ];
        return [.. all.Where(f => f.Item2 is not null).Select(f => (f.Item1, f.Item2!))];
    }

    /// <summary>The problems of <paramref name="edits"/> for <paramref name="form"/>, by field; empty when it may be issued.</summary>
    public static Dictionary<string, string[]> Check(string form, DocumentEdits edits)
    {
        var fields = Fields[form];
        var errors = new Dictionary<string, string[]>();
        foreach (var (field, value) in Given(edits))
        {
            var max = MaxOf(field);
            if (!fields.ContainsKey(field))
            {
                errors[field] = [$"Không phải trường của {form}; các trường sửa được: {string.Join(", ", fields.Keys)} / not a field of {form}"];
            }
            else if (value.Length > max)
            {
                errors[field] = [$"Tối đa {max} ký tự / at most {max} characters"];
            }
            else if (value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            {
                errors[field] = ["Có ký tự điều khiển / contains control characters"];
            }
        }

        return errors;
    }

    /// <summary>Line ends as <c>\n</c>, no space around: what is rendered and stored.</summary>
    public static DocumentEdits Normalise(DocumentEdits edits)
    {
        ArgumentNullException.ThrowIfNull(edits);
        static string? N(string? value) => value?.ReplaceLineEndings("\n").Replace('\t', ' ').Trim();
        return edits with
        {
            AddressedTo = N(edits.AddressedTo), Description = N(edits.Description), DetectionMethod = N(edits.DetectionMethod),
            AlreadyNotified = N(edits.AlreadyNotified), MeasuresInPlace = N(edits.MeasuresInPlace), Attachments = N(edits.Attachments),
            Recommendations = N(edits.Recommendations), InitialReportReference = N(edits.InitialReportReference), MeasuresTaken = N(edits.MeasuresTaken),
            Result = N(edits.Result), Organisations = N(edits.Organisations), DataKinds = N(edits.DataKinds), Consequences = N(edits.Consequences),
            LateReason = N(edits.LateReason), Developments = N(edits.Developments), Cause = N(edits.Cause), Scope = N(edits.Scope),
            NextSteps = N(edits.NextSteps), RequestingUnit = N(edits.RequestingUnit), ContactPerson = N(edits.ContactPerson),
            SupportRequested = N(edits.SupportRequested), Resources = N(edits.Resources), NeededBy = N(edits.NeededBy),
            HandingParty = N(edits.HandingParty), ReceivingParty = N(edits.ReceivingParty), HandoverNote = N(edits.HandoverNote),
            Place = N(edits.Place), Signer = N(edits.Signer),
        };
    }

    /// <summary>The form with the edits in place of what stored data gave (checked edits: see <see cref="Check"/>).</summary>
    public static OfficialDocument Apply(OfficialDocument document, string form, DocumentEdits edits)
    {
        ArgumentNullException.ThrowIfNull(document);
        var labels = Fields[form];
        var given = Given(edits).ToDictionary(e => e.Field, e => e.Value);
        if (given.Count == 0)
        {
            return document;
        }

        var byLabel = given.Where(e => labels[e.Key].Length > 0).ToDictionary(e => labels[e.Key], e => e.Value);
        var blocks = document.Blocks.Select(block => block switch
        {
            DocumentField field when byLabel.TryGetValue(field.Label, out var value) => field with { Value = value },
            DocumentLine { Style: LineStyle.Text } line when line.Text.StartsWith(AddressedToLine, StringComparison.Ordinal)
                && byLabel.TryGetValue(AddressedToLine, out var to) => line with { Text = AddressedToLine + to },
            DocumentLine { Style: LineStyle.Note } note => note with { Text = Signed(note.Text, given) },
            _ => block,
        });
        return document with { Blocks = [.. blocks] };
    }

    private static string Signed(string note, Dictionary<string, string> given)
    {
        if (given.TryGetValue("place", out var place) && place.Length > 0 && note.StartsWith(DocumentForms.Place, StringComparison.Ordinal))
        {
            note = place + note[DocumentForms.Place.Length..];
        }

        return given.TryGetValue("signer", out var signer) && signer.Length > 0 ? note + "\n\n" + signer : note;
    }
}
