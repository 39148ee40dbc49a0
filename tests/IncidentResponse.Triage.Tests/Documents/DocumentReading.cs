using System.Diagnostics;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;

namespace IncidentResponse.Triage.Tests.Documents;

/// <summary>Reads generated documents back as a person's tools would: PDF through <c>pdftotext</c>, DOCX through the Open XML SDK.</summary>
public static partial class DocumentReading
{
    /// <summary>The PDF's text as <c>pdftotext</c> extracts it, whitespace collapsed to single spaces.</summary>
    public static async Task<string> PdfTextAsync(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"ir-doc-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf, TestContext.Current.CancellationToken);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", file, "-"]) { RedirectStandardOutput = true })
                ?? throw new InvalidOperationException("pdftotext did not start (apt-get install poppler-utils)");
            var text = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.Equal(0, process.ExitCode);
            return Collapse(text);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The <c>pdffonts</c> table of the PDF: one line per font with its type, encoding and whether it is embedded, subset, Unicode-mapped.</summary>
    public static async Task<string[]> PdfFontsAsync(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"ir-doc-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf, TestContext.Current.CancellationToken);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdffonts", [file]) { RedirectStandardOutput = true })
                ?? throw new InvalidOperationException("pdffonts did not start (apt-get install poppler-utils)");
            var text = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.Equal(0, process.ExitCode);
            return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2)];
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The DOCX body's paragraphs, one a line, each with whitespace collapsed.</summary>
    public static string DocxText(byte[] docx)
    {
        using var stream = new MemoryStream(docx);
        using var word = WordprocessingDocument.Open(stream, false);
        var body = word.MainDocumentPart!.Document!.Body!;
        return string.Join("\n", body.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => Collapse(string.Concat(p.Descendants<DocumentFormat.OpenXml.Wordprocessing.Text>().Select(t => t.Text)))));
    }

    public static string Collapse(string text) => Spaces().Replace(text.Normalize(), " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
