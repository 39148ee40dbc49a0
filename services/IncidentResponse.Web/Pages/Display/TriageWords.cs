using IncidentResponse.Contracts.Vocabulary;

namespace IncidentResponse.Web.Pages.Display;

/// <summary>The triage explanation's factors and values in words, Vietnamese or English, instead of the policy's keys.</summary>
public static class TriageWords
{
    private static readonly Dictionary<string, (string Vi, string En)> Factors = new(StringComparer.Ordinal)
    {
        ["functional"] = ("Ảnh hưởng đến hoạt động", "Functional impact"),
        ["information"] = ("Ảnh hưởng đến thông tin", "Information impact"),
        ["recoverability"] = ("Khả năng khôi phục", "Recoverability"),
        ["securityLevel"] = ("Cấp độ an toàn của hệ thống", "System security level"),
        ["serviceInterrupted"] = ("Gián đoạn dịch vụ", "Service interrupted"),
        ["ownerCanHandle"] = ("Chủ quản tự xử lý được", "Owner can handle it"),
        ["personalData"] = ("Có dữ liệu cá nhân", "Personal data involved"),
    };

    /// <summary>A factor's name; one the console does not know as the policy writes it.</summary>
    public static string Factor(string factor, bool english) =>
        Factors.TryGetValue(factor, out var name) ? (english ? name.En : name.Vi) : factor;

    /// <summary>A factor's value in words: the impact scales, yes or no, a security level.</summary>
    public static string Value(string factor, string value, bool english) => factor switch
    {
        "functional" => ImpactScales.FunctionalName(value, english),
        "information" => ImpactScales.InformationName(value, english),
        "recoverability" => ImpactScales.RecoverabilityName(value, english),
        "securityLevel" => english ? $"level {value}" : $"cấp độ {value}",
        _ => value switch
        {
            "true" or "True" => english ? "yes" : "có",
            "false" or "False" => english ? "no" : "không",
            _ => value,
        },
    };
}
