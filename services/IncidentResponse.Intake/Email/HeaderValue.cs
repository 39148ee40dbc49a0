namespace IncidentResponse.Intake.Email;

/// <summary>
/// A value taken from a message's headers (sender, subject, file name, MIME type), made fit for
/// the column it is kept in. It is whatever the sending program wrote — any length, control
/// characters, a NUL that PostgreSQL text cannot hold — and one message must never fail to be
/// filed, and so stop the mailbox, because of it.
/// </summary>
public static class HeaderValue
{
    /// <summary>
    /// Control characters and runs of white space become one space, and the value is cut to at most
    /// <paramref name="max"/> characters, a cut marked with "…" and never through a surrogate pair.
    /// </summary>
    public static string Fit(string? value, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 2);
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var words = new string([.. value.Select(c => char.IsControl(c) ? ' ' : c)])
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return Cut(string.Join(' ', words), max);
    }

    /// <summary>At most <paramref name="max"/> characters: a longer value keeps its start and ends in "…".</summary>
    public static string Cut(string value, int max)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 2);
        if (value.Length <= max)
        {
            return value;
        }

        var end = max - 1;
        if (char.IsHighSurrogate(value[end - 1]))
        {
            end--;
        }

        return value[..end] + "…";
    }
}
