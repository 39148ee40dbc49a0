using System.Globalization;

namespace IncidentResponse.ServiceDefaults.Web;

/// <summary>
/// The checks of a <c>page</c>/<c>pageSize</c> pair, each naming its own field: the page at most
/// <c>int.MaxValue / maxPageSize</c>, so that the rows to skip, <c>(page − 1) × pageSize</c>, cannot overflow into a
/// negative offset (which answered 500).
/// </summary>
public static class Paging
{
    /// <summary>The problems of <paramref name="page"/> and <paramref name="pageSize"/>, added to <paramref name="errors"/>.</summary>
    public static void Check(int page, int pageSize, int maxPageSize, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var lastPage = int.MaxValue / maxPageSize;
        if (page < 1 || page > lastPage)
        {
            errors["page"] = [string.Create(CultureInfo.InvariantCulture, $"1 ≤ page ≤ {lastPage}")];
        }

        if (pageSize < 1 || pageSize > maxPageSize)
        {
            errors["pageSize"] = [string.Create(CultureInfo.InvariantCulture, $"1 ≤ pageSize ≤ {maxPageSize}")];
        }
    }

    /// <summary>A problem naming the fields at fault, or null when both are good.</summary>
    public static Microsoft.AspNetCore.Http.IResult? Problem(int page, int pageSize, int maxPageSize)
    {
        var errors = new Dictionary<string, string[]>();
        Check(page, pageSize, maxPageSize, errors);
        return errors.Count == 0 ? null : Problems.Validation(errors);
    }

    /// <summary>The rows before <paramref name="page"/> (checked first).</summary>
    public static int Skip(int page, int pageSize) => checked((page - 1) * pageSize);
}
