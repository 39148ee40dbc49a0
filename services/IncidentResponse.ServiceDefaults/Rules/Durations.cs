using System.Globalization;
using System.Xml;

namespace IncidentResponse.ServiceDefaults.Rules;

/// <summary>Durations in rule files: ISO 8601 (<c>PT72H</c>, <c>P5D</c>) or short forms (<c>90s</c>, <c>15m</c>, <c>2h</c>, <c>5d</c>).</summary>
public static class Durations
{
    public static TimeSpan Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var value = text.Trim();
        if (value.StartsWith('P') || value.StartsWith('p'))
        {
            try
            {
                return XmlConvert.ToTimeSpan(value.ToUpperInvariant());
            }
            catch (FormatException ex)
            {
                throw new FormatException($"'{text}' is not an ISO 8601 duration", ex);
            }
        }

        var unit = value[^1];
        if (!double.TryParse(value[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || amount < 0)
        {
            throw new FormatException($"'{text}' is not a duration such as 90s, 15m, 2h, 5d or PT2H");
        }

        return unit switch
        {
            's' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            'd' => TimeSpan.FromDays(amount),
            _ => throw new FormatException($"'{text}' has an unknown unit; use s, m, h, d or ISO 8601"),
        };
    }
}
