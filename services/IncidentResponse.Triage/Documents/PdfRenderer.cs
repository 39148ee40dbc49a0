using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace IncidentResponse.Triage.Documents;

/// <summary>Draws an <see cref="OfficialDocument"/> on A4 pages with PDFsharp, the DejaVu Sans font embedded whole (Unicode, so text extracts intact).</summary>
public static class PdfRenderer
{
    private const double Margin = 56;
    private const double LabelShare = 0.38;
    private const double Gap = 8;

    public static byte[] Render(OfficialDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        DocumentFonts.Install();
        using var pdf = new PdfDocument();
        pdf.Info.Title = document.Title;
        pdf.Info.Creator = "IncidentResponse";
        var writer = new Writer(pdf);
        foreach (var block in document.Blocks)
        {
            writer.Draw(block);
        }

        writer.Finish();
        using var output = new MemoryStream();
        pdf.Save(output, false);
        return output.ToArray();
    }

    private sealed class Writer(PdfDocument pdf)
    {
        // The whole font file, not a subset: PDFsharp's subset leaves out the components of composite
        // glyphs, and DejaVu builds the letters with two marks (Ầ, Ệ, Ố, ẫ …) from components, which
        // then print with a mark missing although the text still extracts correctly.
        private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode, PdfFontEmbedding.EmbedCompleteFontFile);
        private static readonly XFont Body = new(DocumentFonts.Family, 10.5, XFontStyleEx.Regular, Unicode);
        private static readonly XFont Strong = new(DocumentFonts.Family, 10.5, XFontStyleEx.Bold, Unicode);
        private static readonly XFont Heading = new(DocumentFonts.Family, 14, XFontStyleEx.Bold, Unicode);
        private static readonly XFont Note = new(DocumentFonts.Family, 10, XFontStyleEx.Italic, Unicode);

        private XGraphics? gfx;
        private double y;
        private double width;
        private double bottom;

        public void Draw(DocumentBlock block)
        {
            switch (block)
            {
                case DocumentLine { Style: LineStyle.Title } line:
                    Space(8);
                    Lines(Wrap(line.Text, Heading, Width()), Heading, Align.Centre);
                    Space(8);
                    break;
                case DocumentLine { Style: LineStyle.Centred } line:
                    Lines(Wrap(line.Text, Strong, Width()), Strong, Align.Centre);
                    break;
                case DocumentLine { Style: LineStyle.Section } line:
                    Space(6);
                    Lines(Wrap(line.Text, Strong, Width()), Strong, Align.Left);
                    Space(2);
                    break;
                case DocumentLine { Style: LineStyle.Note } line:
                    Space(6);
                    Lines(Wrap(line.Text, Note, Width()), Note, Align.Right);
                    break;
                case DocumentLine line:
                    Lines(Wrap(line.Text, Body, Width()), Body, Align.Left);
                    break;
                case DocumentField field:
                    Row([field.ShownLabel, field.Shown], [LabelShare, 1 - LabelShare], [Strong, Body], border: false);
                    break;
                case DocumentTable table:
                    var total = table.Widths.Sum();
                    var shares = table.Widths.Select(w => w / total).ToList();
                    Row(table.Header, shares, [.. table.Header.Select(_ => Strong)], border: true);
                    foreach (var cells in table.Rows)
                    {
                        Row(cells, shares, [.. cells.Select(_ => Body)], border: true);
                    }

                    Space(4);
                    break;
                default:
                    throw new NotSupportedException(block.GetType().Name);
            }
        }

        public void Finish() => gfx?.Dispose();

        private double Width()
        {
            Ensure(0);
            return width;
        }

        private void Space(double points) => y += points;

        private void Lines(IReadOnlyList<string> lines, XFont font, Align align)
        {
            var height = font.GetHeight();
            foreach (var text in lines)
            {
                Ensure(height);
                var (x, format) = align switch
                {
                    Align.Centre => (Margin + (width / 2), XStringFormats.TopCenter),
                    Align.Right => (Margin + width, XStringFormats.TopRight),
                    _ => (Margin, XStringFormats.TopLeft),
                };
                gfx!.DrawString(text, font, XBrushes.Black, x, y, format);
                y += height;
            }
        }

        private void Row(IReadOnlyList<string> cells, List<double> shares, IReadOnlyList<XFont> fonts, bool border)
        {
            var total = Width();
            var padding = border ? 3 : 0;
            var columns = cells.Select((cell, i) => Wrap(cell, fonts[i], (total * shares[i]) - Gap - (2 * padding))).ToList();
            var lineHeight = Body.GetHeight();
            var height = (columns.Max(c => c.Count) * lineHeight) + (2 * padding) + 2;
            if (!border && height > bottom - Margin)
            {
                LongRow(columns, shares, fonts, total, lineHeight);
                return;
            }

            Ensure(height);
            var x = Margin;
            for (var i = 0; i < cells.Count; i++)
            {
                var cellWidth = total * shares[i];
                if (border)
                {
                    gfx!.DrawRectangle(XPens.Black, x, y, cellWidth, height);
                }

                var lineY = y + padding;
                foreach (var text in columns[i])
                {
                    gfx!.DrawString(text, fonts[i], XBrushes.Black, x + padding + (border ? 1 : 0), lineY, XStringFormats.TopLeft);
                    lineY += lineHeight;
                }

                x += cellWidth;
            }

            y += height + (border ? 0 : 1);
        }

        /// <summary>A field taller than a page (an operator's long wording): line by line, going on over as many pages as it needs.</summary>
        private void LongRow(List<List<string>> columns, List<double> shares, IReadOnlyList<XFont> fonts, double total, double lineHeight)
        {
            for (var line = 0; line < columns.Max(c => c.Count); line++)
            {
                Ensure(lineHeight);
                var x = Margin;
                for (var i = 0; i < columns.Count; i++)
                {
                    if (line < columns[i].Count)
                    {
                        gfx!.DrawString(columns[i][line], fonts[i], XBrushes.Black, x, y, XStringFormats.TopLeft);
                    }

                    x += total * shares[i];
                }

                y += lineHeight;
            }

            y += 3;
        }

        private void Ensure(double height)
        {
            if (gfx is not null && y + height <= bottom)
            {
                return;
            }

            gfx?.Dispose();
            var page = pdf.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            gfx = XGraphics.FromPdfPage(page);
            width = page.Width.Point - (2 * Margin);
            bottom = page.Height.Point - Margin;
            y = Margin;
        }

        private List<string> Wrap(string text, XFont font, double max)
        {
            Ensure(0);
            var lines = new List<string>();
            foreach (var paragraph in text.Normalize().Split('\n'))
            {
                var line = "";
                foreach (var word in paragraph.Split(' '))
                {
                    var candidate = line.Length == 0 ? word : line + " " + word;
                    if (gfx!.MeasureString(candidate, font).Width <= max)
                    {
                        line = candidate;
                        continue;
                    }

                    if (line.Length > 0)
                    {
                        lines.Add(line);
                    }

                    line = word;
                    while (line.Length > 1 && gfx.MeasureString(line, font).Width > max)
                    {
                        var cut = line.Length - 1;
                        while (cut > 1 && gfx.MeasureString(line[..cut], font).Width > max)
                        {
                            cut--;
                        }

                        lines.Add(line[..cut]);
                        line = line[cut..];
                    }
                }

                lines.Add(line);
            }

            return lines;
        }
    }

    private enum Align
    {
        Left,
        Centre,
        Right,
    }
}
