namespace IncidentResponse.Contracts.Vocabulary;

/// <summary>
/// The Reference Security Incident Taxonomy (version 1003), the values of a report's and an
/// incident's <c>classification</c> (<c>class:type</c>).
/// </summary>
public static class Rsit
{
    public const string Undetermined = "other:undetermined";

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Classes { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["abusive-content"] = ["spam", "harmful-speech", "violence"],
        ["malicious-code"] = ["infected-system", "c2-server", "malware-distribution", "malware-configuration"],
        ["information-gathering"] = ["scanner", "sniffing", "social-engineering"],
        ["intrusion-attempts"] = ["ids-alert", "brute-force", "exploit"],
        ["intrusions"] = ["privileged-account-compromise", "unprivileged-account-compromise", "application-compromise", "system-compromise", "burglary"],
        ["availability"] = ["dos", "ddos", "misconfiguration", "sabotage", "outage"],
        ["information-content-security"] = ["unauthorised-information-access", "unauthorised-information-modification", "data-loss", "data-leak"],
        ["fraud"] = ["unauthorised-use-of-resources", "copyright", "masquerade", "phishing"],
        ["vulnerable"] = ["weak-crypto", "ddos-amplifier", "potentially-unwanted-accessible", "information-disclosure", "vulnerable-system"],
        ["other"] = ["other", "undetermined"],
        ["test"] = ["test"],
    };

    /// <summary>The name of each class of <see cref="Classes"/>, in Vietnamese and English (the report form's choices).</summary>
    public static IReadOnlyDictionary<string, (string Vi, string En)> ClassNames { get; } = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["abusive-content"] = ("Nội dung độc hại", "Abusive content"),
        ["malicious-code"] = ("Mã độc", "Malicious code"),
        ["information-gathering"] = ("Thu thập thông tin", "Information gathering"),
        ["intrusion-attempts"] = ("Cố gắng xâm nhập", "Intrusion attempts"),
        ["intrusions"] = ("Xâm nhập", "Intrusions"),
        ["availability"] = ("Tính sẵn sàng (DoS, DDoS, gián đoạn)", "Availability"),
        ["information-content-security"] = ("An toàn nội dung thông tin (lộ, mất, sửa dữ liệu)", "Information content security"),
        ["fraud"] = ("Gian lận (lừa đảo, giả mạo)", "Fraud"),
        ["vulnerable"] = ("Điểm yếu, lỗ hổng", "Vulnerable"),
        ["other"] = ("Khác", "Other"),
        ["test"] = ("Thử nghiệm, diễn tập", "Test, exercise"),
    };

    /// <summary>True for a known <c>class:type</c> pair.</summary>
    public static bool IsKnown(string? classification) =>
        classification is not null
        && classification.Split(':') is [var cls, var type]
        && Classes.TryGetValue(cls, out var types)
        && types.Contains(type, StringComparer.Ordinal);

    public static string ClassOf(string classification) =>
        (classification ?? throw new ArgumentNullException(nameof(classification))).Split(':')[0];
}
