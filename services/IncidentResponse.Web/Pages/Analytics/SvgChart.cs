using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace IncidentResponse.Web.Pages.Analytics;

/// <summary>
/// Charts drawn on the server as inline SVG: no script, no style attribute (the console's CSP allows neither inline), only
/// presentation attributes and classes. Each chart is an image with a title and a description naming every value, and each
/// bar has its own title, so a screen reader and a mouse both tell the figure.
/// </summary>
public static class SvgChart
{
    /// <summary>One bar: its label, and its segments (value and CSS class) stacked from the axis.</summary>
    public sealed record Bar(string Label, IReadOnlyList<(double Value, string Class, string Name)> Segments)
    {
        public double Total => Segments.Sum(s => s.Value);
    }

    private const int LabelWidth = 250;
    private const int Width = 640;
    private const int RowHeight = 26;

    /// <summary>Horizontal bars, one row per label (long unit names read well), with the value written after the bar.</summary>
    public static IHtmlContent Horizontal(string id, string title, string description, IReadOnlyList<Bar> bars, Func<double, string> format)
    {
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentNullException.ThrowIfNull(format);
        var max = Math.Max(1, bars.Count == 0 ? 1 : bars.Max(b => b.Total));
        var height = Math.Max(1, bars.Count) * RowHeight + 10;
        var svg = Open(id, title, description, Width, height);
        var span = Width - LabelWidth - 90;
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = 5 + i * RowHeight;
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-label\" x=\"{LabelWidth - 6}\" y=\"{y + 16}\" text-anchor=\"end\">{E(Cut(bar.Label, 34))}</text>");
            double x = LabelWidth;
            foreach (var (value, css, name) in bar.Segments.Where(s => s.Value > 0))
            {
                var w = value / max * span;
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"{css}\" x=\"{x:0.#}\" y=\"{y + 3}\" width=\"{Math.Max(1, w):0.#}\" height=\"{RowHeight - 8}\"><title>{E($"{bar.Label} · {name}: {format(value)}")}</title></rect>");
                x += w;
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-value\" x=\"{x + 6:0.#}\" y=\"{y + 16}\">{E(format(bar.Total))}</text>");
        }

        return Close(svg);
    }

    /// <summary>Columns over time, segments stacked, with the first and last period named under the axis.</summary>
    public static IHtmlContent Columns(string id, string title, string description, IReadOnlyList<Bar> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        const int height = 240, top = 10, bottom = 200, left = 40;
        var max = Math.Max(1, bars.Count == 0 ? 1 : bars.Max(b => b.Total));
        var svg = Open(id, title, description, Width, height);
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"chart-axis\" x1=\"{left}\" y1=\"{bottom}\" x2=\"{Width - 10}\" y2=\"{bottom}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-label\" x=\"{left - 6}\" y=\"{top + 10}\" text-anchor=\"end\">{max:0}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-label\" x=\"{left - 6}\" y=\"{bottom}\" text-anchor=\"end\">0</text>");
        var slot = (Width - left - 20) / (double)Math.Max(1, bars.Count);
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var x = left + 4 + i * slot;
            double y = bottom;
            foreach (var (value, css, name) in bar.Segments.Where(s => s.Value > 0))
            {
                var h = value / max * (bottom - top);
                y -= h;
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"{css}\" x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{Math.Max(1, slot - 4):0.#}\" height=\"{h:0.#}\"><title>{E($"{bar.Label} · {name}: {value:0}")}</title></rect>");
            }
        }

        if (bars.Count > 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-label\" x=\"{left}\" y=\"{bottom + 18}\">{E(bars[0].Label)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-label\" x=\"{Width - 10}\" y=\"{bottom + 18}\" text-anchor=\"end\">{E(bars[^1].Label)}</text>");
        }

        return Close(svg);
    }

    private static StringBuilder Open(string id, string title, string description, int width, int height)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" id=\"{E(id)}\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"100%\" role=\"img\" aria-labelledby=\"{E(id)}-t {E(id)}-d\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{E(id)}-t\">{E(title)}</title><desc id=\"{E(id)}-d\">{E(description)}</desc>");
        return svg;
    }

    private static HtmlString Close(StringBuilder svg) => new(svg.Append("</svg>").ToString());

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
