namespace IncidentResponse.ServiceDefaults.Data;

/// <summary>Text cut to a column's length (PostgreSQL refuses a longer value), never between the halves of a surrogate pair.</summary>
public static class ColumnText
{
    /// <summary><paramref name="value"/>'s first <paramref name="max"/> characters at most, one fewer when the last would be half a pair.</summary>
    public static string Fit(string value, int max)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        if (value.Length <= max)
        {
            return value;
        }

        return value[..(char.IsHighSurrogate(value[max - 1]) ? max - 1 : max)];
    }
}
