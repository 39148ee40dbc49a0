using System.Globalization;
using System.Text;

namespace IncidentResponse.Triage.Register;

/// <summary>
/// The register's search rules: text is folded (lower case, Vietnamese diacritics removed, đ → d) and cut into
/// terms; a query word matches an incident when it is the start of one of the incident's terms. Terms keep
/// <c>. - : @ /</c> inside them (an IP, a domain, a hash, an incident number stay whole) and add their parts
/// and, for a dotted name, each shorter domain (<c>mail.example.vn</c> also gives <c>example.vn</c>).
/// </summary>
public static class SearchText
{
    public const int MaxTermLength = 100;

    public const int MaxQueryWords = 8;

    private const string Joiners = ".-:@/";

    /// <summary>Lower case without diacritics: "Cà Mau" → "ca mau", "Đồng" → "dong".</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var decomposed = text.ToLowerInvariant().Replace('đ', 'd').Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(c);
            }
        }

        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>The words of a query, folded, in order, at most <see cref="MaxQueryWords"/>; none for a blank query.</summary>
    public static IReadOnlyList<string> Words(string? query) =>
        Tokens(query).Select(t => t.Length > MaxTermLength ? t[..MaxTermLength] : t).Distinct(StringComparer.Ordinal).Take(MaxQueryWords).ToList();

    /// <summary>Every term the texts give, for the index.</summary>
    public static ISet<string> Terms(IEnumerable<string?> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var terms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in texts.SelectMany(Tokens))
        {
            Add(terms, token);
            if (token.AsSpan().IndexOfAny(Joiners) < 0)
            {
                continue;
            }

            foreach (var part in token.Split(Joiners.ToCharArray(), StringSplitOptions.RemoveEmptyEntries))
            {
                Add(terms, part);
            }

            for (var dot = token.IndexOf('.', StringComparison.Ordinal); dot >= 0 && dot < token.Length - 1; dot = token.IndexOf('.', dot + 1))
            {
                Add(terms, token[(dot + 1)..]);
            }
        }

        return terms;
    }

    private static void Add(HashSet<string> terms, string term) => terms.Add(term.Length > MaxTermLength ? term[..MaxTermLength] : term);

    private static IEnumerable<string> Tokens(string? text)
    {
        var folded = Fold(text);
        var token = new StringBuilder();
        foreach (var c in folded + " ")
        {
            if (char.IsLetterOrDigit(c) || Joiners.Contains(c, StringComparison.Ordinal))
            {
                token.Append(c);
                continue;
            }

            var trimmed = token.ToString().Trim(Joiners.ToCharArray());
            token.Clear();
            if (trimmed.Length > 0)
            {
                yield return trimmed;
            }
        }
    }
}
