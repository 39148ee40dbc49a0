using IncidentResponse.Contracts.Vocabulary;

namespace IncidentResponse.Notifications.Channels;

/// <summary>TLP 2.0 labels as channels show them: banner colours and what each label asks of the reader.</summary>
internal static class TlpText
{
    /// <summary>The normalized label; an unknown label is treated as RED (fail closed).</summary>
    public static string Label(string? tlp) => Tlp.Normalize(tlp) ?? Tlp.Red;

    /// <summary>RED and AMBER+STRICT: nothing beyond the incident number and severity leaves on weak channels.</summary>
    public static bool IsStrict(string? tlp) => Label(tlp) is Tlp.Red or Tlp.AmberStrict;

    public static string Meaning(string label, bool english) => (label, english) switch
    {
        (Tlp.Clear, false) => "Không giới hạn phổ biến",
        (Tlp.Clear, true) => "Disclosure is not limited",
        (Tlp.Green, false) => "Chỉ chia sẻ trong cộng đồng của người nhận, không công bố công khai",
        (Tlp.Green, true) => "Limited disclosure: share within the recipient's community, not publicly",
        (Tlp.Amber, false) => "Chỉ chia sẻ trong tổ chức của người nhận và khách hàng của tổ chức, khi cần biết",
        (Tlp.Amber, true) => "Limited disclosure: share on a need-to-know basis within the recipient's organization and its clients",
        (Tlp.AmberStrict, false) => "Chỉ chia sẻ trong nội bộ tổ chức của người nhận, khi cần biết",
        (Tlp.AmberStrict, true) => "Limited disclosure: share on a need-to-know basis within the recipient's organization only",
        (_, false) => "Chỉ dành riêng cho người nhận, không chia sẻ thêm",
        (_, true) => "For the eyes and ears of individual recipients only, no further disclosure",
    };

    /// <summary>TLP 2.0 colours: the label's colour on a black background.</summary>
    public static string Colour(string label) => label switch
    {
        Tlp.Clear => "#FFFFFF",
        Tlp.Green => "#33FF00",
        Tlp.Amber or Tlp.AmberStrict => "#FFC000",
        _ => "#FF2B2B",
    };
}
