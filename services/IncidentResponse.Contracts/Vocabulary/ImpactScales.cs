namespace IncidentResponse.Contracts.Vocabulary;

/// <summary>The impact scales of a report (NIST SP 800-61's functional, information and recoverability impact), with the words people read.</summary>
public static class ImpactScales
{
    public static IReadOnlyList<string> Functional { get; } = ["none", "low", "medium", "high"];

    public static IReadOnlyList<string> Information { get; } = ["none", "privacy", "proprietary", "integrity"];

    public static IReadOnlyList<string> Recoverability { get; } = ["regular", "supplemented", "extended", "not-recoverable"];

    private static readonly Dictionary<string, (string Vi, string En)> Functionals = new(StringComparer.Ordinal)
    {
        ["none"] = ("Không ảnh hưởng", "None"),
        ["low"] = ("Thấp: dịch vụ thiết yếu vẫn chạy, kém hiệu quả hơn", "Low: essential services run, less efficiently"),
        ["medium"] = ("Trung bình: mất một phần dịch vụ thiết yếu", "Medium: some essential services lost"),
        ["high"] = ("Cao: không còn cung cấp được dịch vụ thiết yếu", "High: no essential service can be provided"),
    };

    private static readonly Dictionary<string, (string Vi, string En)> Informations = new(StringComparer.Ordinal)
    {
        ["none"] = ("Không lộ, không mất thông tin", "None"),
        ["privacy"] = ("Lộ thông tin cá nhân", "Privacy breach: personal data exposed"),
        ["proprietary"] = ("Lộ thông tin nội bộ, bí mật", "Proprietary breach: internal or confidential data exposed"),
        ["integrity"] = ("Thông tin bị sửa, xóa (mất toàn vẹn)", "Integrity loss: data changed or deleted"),
    };

    private static readonly Dictionary<string, (string Vi, string En)> Recoverabilities = new(StringComparer.Ordinal)
    {
        ["regular"] = ("Khôi phục được bằng nguồn lực sẵn có", "Regular: recoverable with existing resources"),
        ["supplemented"] = ("Khôi phục được nếu bổ sung nguồn lực", "Supplemented: recoverable with more resources"),
        ["extended"] = ("Khôi phục lâu, cần hỗ trợ từ bên ngoài", "Extended: needs outside help and time"),
        ["not-recoverable"] = ("Không khôi phục được", "Not recoverable"),
    };

    /// <summary>A functional impact in words, Vietnamese or English; an unknown value as it is.</summary>
    public static string FunctionalName(string value, bool english) => Name(Functionals, value, english);

    /// <summary>An information impact in words, Vietnamese or English; an unknown value as it is.</summary>
    public static string InformationName(string value, bool english) => Name(Informations, value, english);

    /// <summary>A recoverability in words, Vietnamese or English; an unknown value as it is.</summary>
    public static string RecoverabilityName(string value, bool english) => Name(Recoverabilities, value, english);

    private static string Name(Dictionary<string, (string Vi, string En)> names, string value, bool english) =>
        names.TryGetValue(value, out var name) ? (english ? name.En : name.Vi) : value;
}
