namespace IncidentResponse.Notifications.Analytics;

/// <summary>
/// Percentiles as PostgreSQL's <c>percentile_cont</c> and spreadsheets' <c>PERCENTILE.INC</c> compute them: the value at
/// rank <c>p × (n − 1)</c> of the sorted values, interpolated between the two nearest.
/// </summary>
public static class Percentiles
{
    /// <summary>The values that were measured (nulls left out), sorted.</summary>
    public static double[] Sorted(IEnumerable<double?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var measured = values.Where(v => v is not null).Select(v => v!.Value).ToArray();
        Array.Sort(measured);
        return measured;
    }

    /// <summary>The <paramref name="p"/> percentile (0 to 1) of <paramref name="sorted"/>; null when it is empty.</summary>
    public static double? Of(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        ArgumentOutOfRangeException.ThrowIfLessThan(p, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 1);
        if (sorted.Count == 0)
        {
            return null;
        }

        var rank = p * (sorted.Count - 1);
        var below = (int)Math.Floor(rank);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + ((rank - below) * (sorted[above] - sorted[below]));
    }
}
