using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace IncidentResponse.Web.Playbooks;

/// <summary>
/// Markdown to HTML for playbooks, safely: raw HTML in the text is written out escaped, and a link, an autolink or
/// an image may only point to http(s), mailto or a relative address (anything else becomes <c>#</c>).
/// </summary>
internal static class PlaybookMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseTaskLists()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .DisableHtml()
        .Build();

    public static MarkdownDocument Parse(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!IsSafe(link.Url))
            {
                link.Url = "#";
            }
        }

        // <scheme:…> autolinks are links too (CommonMark takes any scheme): <javascript:…> rendered as its href.
        foreach (var autolink in document.Descendants<AutolinkInline>())
        {
            if (!autolink.IsEmail && !IsSafe(autolink.Url))
            {
                autolink.Url = "#";
            }
        }

        return document;
    }

    public static string ToHtml(MarkdownDocument document) => Markdown.ToHtml(document, Pipeline);

    /// <summary>The list items under the level-2 heading <paramref name="heading"/>, as plain text; empty when there is none.</summary>
    public static IReadOnlyList<string> ItemsUnder(MarkdownDocument document, string heading)
    {
        var blocks = document.ToList();
        var at = blocks.FindIndex(b => b is HeadingBlock { Level: 2 } h && PlainText(h.Inline).Trim() == heading);
        if (at < 0)
        {
            return [];
        }

        var list = blocks.Skip(at + 1).TakeWhile(b => b is not HeadingBlock).OfType<ListBlock>().FirstOrDefault();
        return list is null
            ? []
            : [.. list.OfType<ListItemBlock>()
                .Select(item => string.Join(' ', item.Descendants<ParagraphBlock>().Select(p => PlainText(p.Inline))).Trim())
                .Where(text => text.Length > 0)];
    }

    private static bool IsSafe(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return true;
        }

        // A relative address has no scheme: no ':' before the first '/', '?' or '#'.
        var trimmed = url.Trim();
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        var delimiter = trimmed.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (delimiter >= 0 && delimiter < colon))
        {
            return true;
        }

        return Uri.TryCreate(trimmed, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" or "mailto";
    }

    private static string PlainText(ContainerInline? inline)
    {
        if (inline is null)
        {
            return string.Empty;
        }

        var text = new System.Text.StringBuilder();
        foreach (var node in inline.Descendants())
        {
            _ = node switch
            {
                LiteralInline literal => text.Append(literal.Content.ToString()),
                CodeInline code => text.Append(code.Content),
                LineBreakInline => text.Append(' '),
                _ => text,
            };
        }

        return text.ToString().ReplaceLineEndings(" ");
    }
}
