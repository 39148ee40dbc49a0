using System.Globalization;

namespace IncidentResponse.ServiceDefaults.Web;

/// <summary>
/// A list of ids in a query string, for the reads that answer many at once (<c>?incident=a&amp;incident=b</c> or
/// <c>?incident=a,b</c>): each one a GUID, repeats read once, at most a bounded number, so one request stays a bounded read.
/// </summary>
public static class IdList
{
    /// <summary>At most this many ids in one read of several (the board asks for its 25 incidents at once, the incident page for its latest 20 deliveries).</summary>
    public const int MaxPerRead = 100;

    /// <summary>The distinct ids of <paramref name="values"/>, or the problem with <paramref name="field"/> added to <paramref name="errors"/>.</summary>
    public static IReadOnlyList<Guid> Parse(string[]? values, string field, int max, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var ids = new List<Guid>();
        foreach (var part in (values ?? []).SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            if (!Guid.TryParse(part, CultureInfo.InvariantCulture, out var id))
            {
                errors[field] = [$"Mã không hợp lệ / not an id: '{Shorten(part)}'"];
                return [];
            }

            if (!ids.Contains(id))
            {
                ids.Add(id);
            }
        }

        if (ids.Count == 0)
        {
            errors[field] = [string.Create(CultureInfo.InvariantCulture, $"Cần ít nhất một mã / at least one id (at most {max})")];
        }
        else if (ids.Count > max)
        {
            errors[field] = [string.Create(CultureInfo.InvariantCulture, $"Tối đa {max} mã mỗi lần / at most {max} ids at once")];
        }

        return errors.ContainsKey(field) ? [] : ids;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
