using System.Globalization;
using System.Text;

namespace IncidentResponse.Triage.Register;

/// <summary>
/// The register as CSV for Excel: UTF-8 with a byte order mark (so Excel reads Vietnamese), every text quoted, and a cell
/// that a spreadsheet would take for a formula (starting with = + - @, a tab or a carriage return) given a leading <c>'</c>.
/// </summary>
public static class RegisterCsv
{
    public static async Task WriteAsync(Stream stream, IAsyncEnumerable<object?[]> rows, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true);
        await writer.WriteAsync(Line(RegisterExport.Headers));
        var count = 0;
        await foreach (var row in rows.WithCancellation(cancel))
        {
            await writer.WriteAsync(Line(row));
            if (++count % 1000 == 0)
            {
                await writer.FlushAsync(cancel);
            }
        }

        await writer.FlushAsync(cancel);
    }

    private static string Line(IEnumerable<object?> cells) => string.Join(',', cells.Select(Cell)) + "\r\n";

    /// <summary>A cell: a number as it is, text quoted and defused.</summary>
    public static string Cell(object? value) => value switch
    {
        null => string.Empty,
        int number => number.ToString(CultureInfo.InvariantCulture),
        _ => "\"" + Defuse(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
    };

    /// <summary>Text a spreadsheet would run as a formula gets a leading apostrophe.</summary>
    public static string Defuse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
    }
}
