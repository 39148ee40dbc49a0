using System.Reflection;
using PdfSharp.Fonts;

namespace IncidentResponse.Triage.Documents;

/// <summary>
/// Gives PDFsharp the DejaVu Sans faces checked in beside this file (Debian fonts-dejavu-core,
/// Bitstream Vera licence, free to embed): they cover every precomposed Vietnamese letter. Every
/// family name resolves to them, so no PDF depends on the machine's fonts.
/// </summary>
public sealed class DocumentFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    private static readonly Lock Gate = new();
    private static bool installed;

    /// <summary>Sets the PDFsharp font resolver, once per process.</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (!installed)
            {
                GlobalFontSettings.FontResolver = new DocumentFonts();
                installed = true;
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? Bold : Regular, false, italic);

    public byte[]? GetFont(string faceName)
    {
        var name = $"IncidentResponse.Triage.Documents.Fonts.{(faceName == Bold ? Bold : Regular)}.ttf";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"font resource {name} is missing");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}
