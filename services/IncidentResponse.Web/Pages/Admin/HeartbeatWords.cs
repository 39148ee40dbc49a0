using System.Globalization;

namespace IncidentResponse.Web.Pages.Admin;

/// <summary>A heartbeat's interval as people say it: 5 phút, 2 giờ, 1 ngày.</summary>
public static class HeartbeatWords
{
    public static string Interval(int seconds, bool english)
    {
        var (amount, vi, en) = seconds switch
        {
            _ when seconds % 86_400 == 0 => (seconds / 86_400, "ngày", "day"),
            _ when seconds % 3_600 == 0 => (seconds / 3_600, "giờ", "hour"),
            _ when seconds % 60 == 0 => (seconds / 60, "phút", "minute"),
            _ => (seconds, "giây", "second"),
        };
        var number = amount.ToString(CultureInfo.InvariantCulture);
        return english ? $"{number} {en}{(amount == 1 ? "" : "s")}" : $"{number} {vi}";
    }
}
