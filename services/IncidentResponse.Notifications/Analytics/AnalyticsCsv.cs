using System.Globalization;
using System.Text;
using IncidentResponse.Contracts.Api.Analytics;

namespace IncidentResponse.Notifications.Analytics;

/// <summary>
/// The analytics as CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel reads Vietnamese), headers in Vietnamese
/// then English, and no cell that a spreadsheet would run as a formula (text starting with = + - @, a tab or a carriage
/// return gets a leading apostrophe).
/// </summary>
public static class AnalyticsCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static byte[] Units(IReadOnlyList<UnitFigures> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        var channels = units.SelectMany(u => u.DeliveryFailures.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        string[] header =
        [
            "Mã đơn vị / Unit", "Tên đơn vị / Unit name", "Số phân công / Engagements", "Đã xác nhận / Acknowledged",
            "Thời gian xác nhận TB (giây) / MTTA (s)", "Trung vị thời gian xác nhận (giây) / Median time to acknowledge (s)",
            "Phân vị 90 thời gian xác nhận (giây) / 90th percentile time to acknowledge (s)", "Đã xử lý xong / Resolved",
            "Thời gian xử lý TB (giây) / MTTR (s)", "Trung vị thời gian xử lý (giây) / Median time to resolve (s)",
            "Phân vị 90 thời gian xử lý (giây) / 90th percentile time to resolve (s)", "Từ chối / Declines",
            "Thời gian đến khi từ chối TB (giây) / Decline delay (s)", "Chuyển giao / Hand-offs", "Số bước nhắc trước xác nhận TB / Pages before ack",
            .. channels.Select(c => $"Gửi lỗi {c} / Delivery failures {c}"),
            "Nghĩa vụ đúng hạn / Duties on time", "Nghĩa vụ trễ hạn / Duties late", "Nghĩa vụ quá hạn chưa thực hiện / Duties missed",
            "Nghĩa vụ chưa đến hạn / Duties pending",
        ];
        return Write(header, units.Select(u => (IReadOnlyList<object?>)
        [
            u.Unit, u.UnitName, u.Engagements, u.Acknowledged, u.MttaSeconds, u.AckMedianSeconds, u.AckP90Seconds, u.Resolved, u.MttrSeconds,
            u.ResolveMedianSeconds, u.ResolveP90Seconds, u.Declines, u.DeclineDelaySeconds,
            u.HandOffs, u.PagesBeforeAck, .. channels.Select(c => (object?)u.DeliveryFailures.GetValueOrDefault(c)),
            u.DutiesOnTime, u.DutiesLate, u.DutiesMissed, u.DutiesPending,
        ]));
    }

    public static byte[] Incidents(IReadOnlyList<IncidentSeries.Group> groups) => Write(
        ["Kỳ / Period", "Bắt đầu / Start", "Phân loại / Classification", "Lớp / Class", "Mức độ / Severity", "Nghiêm trọng / Serious", "Số sự cố / Incidents"],
        groups.Select(g => (IReadOnlyList<object?>)
        [
            g.Period, g.Start.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture), g.Classification, IncidentSeries.ClassOf(g.Classification),
            g.SeverityLevel, g.Serious ? "có / yes" : "không / no", g.Incidents,
        ]));

    public static byte[] Deliveries(IReadOnlyList<ChannelFigures> channels) => Write(
        ["Kênh / Channel", "Lần gửi / Attempts", "Thành công / Delivered", "Lỗi tạm thời / Transient failures", "Lỗi vĩnh viễn / Permanent failures", "Tỷ lệ lỗi / Failure rate"],
        channels.Select(c => (IReadOnlyList<object?>)[c.Channel, c.Attempts, c.Delivered, c.TransientFailures, c.PermanentFailures, c.FailureRate]));

    /// <summary>One cell as written: numbers in the invariant culture, text made safe and quoted when it needs to be.</summary>
    public static string Cell(object? value)
    {
        var text = value switch
        {
            null => "",
            double d => d.ToString("0.###", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        if (value is string && text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    private static byte[] Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', header.Select(Cell)).Append("\r\n");
        foreach (var row in rows)
        {
            text.AppendJoin(',', row.Select(Cell)).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }
}
