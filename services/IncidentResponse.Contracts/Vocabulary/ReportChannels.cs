namespace IncidentResponse.Contracts.Vocabulary;

/// <summary>How a report reached intake (a report's <c>channel</c>), with the words partners read in notices.</summary>
public static class ReportChannels
{
    public const string Api = "api";
    public const string Web = "web";
    public const string Email = "email";
    public const string EventsApi = "events-api";
    public const string Alertmanager = "alertmanager";
    public const string Heartbeat = "heartbeat";

    /// <summary>The channel in words, Vietnamese or English; an unknown one as it is.</summary>
    public static string Name(string channel, bool english) => channel switch
    {
        Api => english ? "the committee's API (an authorised system or person)" : "API của hệ thống (hệ thống hoặc người được cấp quyền)",
        Web => english ? "the console's report form (a signed-in operator)" : "biểu mẫu trên bảng điều khiển (điều hành viên đã đăng nhập)",
        Email => english ? "e-mail" : "thư điện tử",
        EventsApi => english ? "an automatic alert from a monitoring system (Events API)" : "cảnh báo tự động từ hệ thống giám sát (Events API)",
        Alertmanager => english ? "an automatic alert from Prometheus Alertmanager" : "cảnh báo tự động từ Prometheus Alertmanager",
        Heartbeat => english ? "a monitoring source that stopped reporting (missed heartbeat)" : "nguồn giám sát ngừng gửi tín hiệu (mất nhịp)",
        _ => channel,
    };
}
