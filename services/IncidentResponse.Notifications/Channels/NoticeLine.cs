namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// One labelled line of a rendered notice. A line with a <see cref="Link"/> shows the link followed by
/// <see cref="After"/>; an empty <see cref="Label"/> is a stand-alone, emphasised statement.
/// </summary>
internal sealed record NoticeLine(string Label, string Value, Uri? Link = null, string? After = null)
{
    public string PlainValue => Link is null ? Value : $"{Link}{After}";

    public string PlainText => Label.Length == 0 ? Value : $"{Label}: {PlainValue}";
}
