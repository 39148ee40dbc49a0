namespace IncidentResponse.Web.Tests.Matrix;

/// <summary>One door of the matrix and the answer each caller must get there.</summary>
internal sealed record MatrixRow(string Method, string Pattern, IReadOnlyDictionary<string, string> Expect)
{
    private static readonly string[] ServedOutsideTheConsole = ["/api/", "/v2/", "/ack", "/health/", "/openapi/", "/oncall/feed/", "/console/", "/favicon.ico", "/metrics"];

    public string Door => $"{Method} {Pattern}";

    /// <summary>A console page (or the board's stream): people knock with their signed-in browser, not an API key.</summary>
    public bool IsPage => !ServedOutsideTheConsole.Any(p => Pattern.StartsWith(p, StringComparison.Ordinal));

    public static IReadOnlyList<MatrixRow> Parse(string table)
    {
        var lines = table.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var header = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..];
        if (!header.SequenceEqual(Credentials.Columns))
        {
            throw new InvalidOperationException("the matrix's columns are not " + string.Join(" ", Credentials.Columns));
        }

        return [.. lines.Skip(1).Select(line =>
        {
            var cells = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (cells.Length != header.Length + 2)
            {
                throw new InvalidOperationException($"row '{line}' has {cells.Length - 2} answers for {header.Length} callers");
            }

            return new MatrixRow(cells[0], cells[1], header.Select((column, i) => (column, cells[i + 2])).ToDictionary());
        })];
    }
}
