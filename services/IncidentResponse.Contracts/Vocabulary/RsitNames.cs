namespace IncidentResponse.Contracts.Vocabulary;

/// <summary>
/// What partners read instead of an RSIT code: the name of each <c>class:type</c> in Vietnamese and English
/// (<c>availability:ddos</c> → "Tấn công từ chối dịch vụ (DDoS)"). Notices, SMS, webhooks' human text and the
/// portal show these; the code stays in machine fields (<c>classification</c>) only.
/// </summary>
public static class RsitNames
{
    public static IReadOnlyDictionary<string, (string Vi, string En)> Types { get; } = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["abusive-content:spam"] = ("Thư rác (spam)", "Spam"),
        ["abusive-content:harmful-speech"] = ("Nội dung xúc phạm, kích động", "Harmful speech"),
        ["abusive-content:violence"] = ("Nội dung bạo lực", "Violence"),
        ["malicious-code:infected-system"] = ("Hệ thống nhiễm mã độc", "Infected system"),
        ["malicious-code:c2-server"] = ("Máy chủ điều khiển mã độc (C2)", "Command-and-control server"),
        ["malicious-code:malware-distribution"] = ("Phát tán mã độc", "Malware distribution"),
        ["malicious-code:malware-configuration"] = ("Tệp cấu hình mã độc", "Malware configuration"),
        ["information-gathering:scanner"] = ("Dò quét hệ thống", "Scanning"),
        ["information-gathering:sniffing"] = ("Nghe lén lưu lượng mạng", "Sniffing"),
        ["information-gathering:social-engineering"] = ("Lừa lấy thông tin (tấn công phi kỹ thuật)", "Social engineering"),
        ["intrusion-attempts:ids-alert"] = ("Cảnh báo xâm nhập (IDS)", "Intrusion detection alert"),
        ["intrusion-attempts:brute-force"] = ("Dò đoán mật khẩu", "Brute-force login attempts"),
        ["intrusion-attempts:exploit"] = ("Khai thác lỗ hổng", "Exploitation attempt"),
        ["intrusions:privileged-account-compromise"] = ("Chiếm quyền tài khoản quản trị", "Privileged account compromise"),
        ["intrusions:unprivileged-account-compromise"] = ("Chiếm quyền tài khoản người dùng", "Unprivileged account compromise"),
        ["intrusions:application-compromise"] = ("Chiếm quyền ứng dụng", "Application compromise"),
        ["intrusions:system-compromise"] = ("Chiếm quyền điều khiển hệ thống", "System compromise"),
        ["intrusions:burglary"] = ("Đột nhập vật lý", "Burglary"),
        ["availability:dos"] = ("Tấn công từ chối dịch vụ (DoS)", "Denial of service (DoS)"),
        ["availability:ddos"] = ("Tấn công từ chối dịch vụ (DDoS)", "Distributed denial of service (DDoS)"),
        ["availability:misconfiguration"] = ("Cấu hình sai gây gián đoạn", "Misconfiguration"),
        ["availability:sabotage"] = ("Phá hoại vật lý", "Sabotage"),
        ["availability:outage"] = ("Gián đoạn dịch vụ", "Outage"),
        ["information-content-security:unauthorised-information-access"] = ("Truy cập trái phép thông tin", "Unauthorised access to information"),
        ["information-content-security:unauthorised-information-modification"] = ("Sửa đổi trái phép thông tin", "Unauthorised modification of information"),
        ["information-content-security:data-loss"] = ("Mất dữ liệu", "Data loss"),
        ["information-content-security:data-leak"] = ("Lộ, lọt dữ liệu", "Data leak"),
        ["fraud:unauthorised-use-of-resources"] = ("Sử dụng trái phép tài nguyên", "Unauthorised use of resources"),
        ["fraud:copyright"] = ("Vi phạm bản quyền", "Copyright infringement"),
        ["fraud:masquerade"] = ("Giả mạo danh tính", "Masquerade"),
        ["fraud:phishing"] = ("Lừa đảo trực tuyến (phishing)", "Phishing"),
        ["vulnerable:weak-crypto"] = ("Mã hóa yếu", "Weak cryptography"),
        ["vulnerable:ddos-amplifier"] = ("Dịch vụ có thể bị lợi dụng khuếch đại DDoS", "DDoS amplifier"),
        ["vulnerable:potentially-unwanted-accessible"] = ("Dịch vụ không cần thiết mở ra Internet", "Potentially unwanted accessible service"),
        ["vulnerable:information-disclosure"] = ("Để lộ thông tin hệ thống", "Information disclosure"),
        ["vulnerable:vulnerable-system"] = ("Hệ thống có lỗ hổng", "Vulnerable system"),
        ["other:other"] = ("Khác", "Other"),
        ["other:undetermined"] = ("Chưa xác định", "Undetermined"),
        ["test:test"] = ("Thử nghiệm, diễn tập", "Test, exercise"),
    };

    /// <summary>
    /// The name of <paramref name="classification"/> in the language: its type's name, else its class's name
    /// (<see cref="Rsit.ClassNames"/>), else "Chưa xác định" / "Undetermined" — never the raw code.
    /// </summary>
    public static string Of(string? classification, bool english)
    {
        if (classification is not null && Types.TryGetValue(classification, out var type))
        {
            return english ? type.En : type.Vi;
        }

        if (classification is not null && Rsit.ClassNames.TryGetValue(classification.Split(':')[0], out var cls))
        {
            return english ? cls.En : cls.Vi;
        }

        var undetermined = Types[Rsit.Undetermined];
        return english ? undetermined.En : undetermined.Vi;
    }
}
