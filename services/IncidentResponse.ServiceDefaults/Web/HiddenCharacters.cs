namespace IncidentResponse.ServiceDefaults.Web;

/// <summary>
/// Characters that make a text read other than it is: bidirectional embeddings and overrides (U+202A–202E) and isolates
/// (U+2066–2069), which reorder what follows them ("Trojan Source", CVE-2021-42574), and tag characters (U+E0000–E007F),
/// which hide text. A person's words kept on a timeline nobody can edit refuse them, naming the field; the marks a pasted
/// text carries harmlessly (left-to-right and right-to-left marks) are not among them.
/// </summary>
public static class HiddenCharacters
{
    public const string Problem = "Có ký tự đổi chiều văn bản hoặc ký tự ẩn / contains text-direction or hidden characters";

    public static bool IsRefused(int rune) => rune is (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069) or (>= 0xE0000 and <= 0xE007F);

    /// <summary>
    /// <paramref name="text"/> with each of them shown as U+FFFD rather than obeyed: for text that cannot be refused (what
    /// another service, a mail or a chat sent) on its way to a record people read.
    /// </summary>
    public static string Visible(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!In(text))
        {
            return text;
        }

        var shown = new System.Text.StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            shown.Append(IsRefused(rune.Value) ? "\uFFFD" : rune.ToString());
        }

        return shown.ToString();
    }

    /// <summary>Whether <paramref name="text"/> holds one of them (a lone surrogate is read as U+FFFD, not refused here).</summary>
    public static bool In(string? text) => text is not null && text.EnumerateRunes().Any(r => IsRefused(r.Value));
}
