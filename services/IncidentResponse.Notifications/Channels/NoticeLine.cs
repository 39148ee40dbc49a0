namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// One labelled line of a rendered notice. A line with a <see cref="Link"/> shows the link followed by
/// <see cref="After"/>; an empty <see cref="Label"/> is a stand-alone, emphasised statement.
/// </summary>
internal sealed record NoticeLine(string Label, string Value, Uri? Link = null, string? After = null)
{
    /// <summary>The line as plain text ("Label: value", the link followed by what comes after it), written into <paramref name="text"/>.</summary>
    public System.Text.StringBuilder AppendPlainText(System.Text.StringBuilder text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Label.Length == 0)
        {
            return text.Append(Value);
        }

        text.Append(Label).Append(": ");
        return Link is null ? text.Append(Value) : text.Append(Link.ToString()).Append(After);
    }
}
