using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace IncidentResponse.Triage.Documents;

/// <summary>Writes an <see cref="OfficialDocument"/> as a Word document (Times New Roman 13 pt, as Vietnamese administrative documents use).</summary>
public static class DocxRenderer
{
    public static byte[] Render(OfficialDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var output = new MemoryStream();
        using (var word = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document))
        {
            word.PackageProperties.Title = document.Title;
            var main = word.AddMainDocumentPart();
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = new Styles(new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", ComplexScript = "Times New Roman", EastAsia = "Times New Roman" },
                    new FontSize { Val = "26" },
                    new Languages { Val = "vi-VN" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "60" }))));
            var body = new Body();
            foreach (var block in document.Blocks)
            {
                body.Append(Block(block));
            }

            body.Append(new SectionProperties(
                new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1701U, Right = 1134U, Header = 720U, Footer = 720U }));
            main.Document = new Document(body);
        }

        return output.ToArray();
    }

    private static OpenXmlElement Block(DocumentBlock block) => block switch
    {
        DocumentLine { Style: LineStyle.Title } line => Paragraph(JustificationValues.Center, Run(line.Text, bold: true, size: "32")),
        DocumentLine { Style: LineStyle.Centred } line => Paragraph(JustificationValues.Center, Run(line.Text, bold: true)),
        DocumentLine { Style: LineStyle.Section } line => Paragraph(JustificationValues.Left, Run(line.Text, bold: true)),
        DocumentLine { Style: LineStyle.Note } line => Paragraph(JustificationValues.Right, Run(line.Text, italic: true)),
        DocumentLine line => Paragraph(JustificationValues.Both, Run(line.Text)),
        DocumentField field => Paragraph(JustificationValues.Left, Run(field.ShownLabel + ": ", bold: true), Run(field.Shown)),
        DocumentTable table => Table(table),
        _ => throw new NotSupportedException(block.GetType().Name),
    };

    private static Paragraph Paragraph(JustificationValues justification, params Run[] runs)
    {
        var paragraph = new Paragraph(new ParagraphProperties(new Justification { Val = justification }));
        paragraph.Append(runs);
        return paragraph;
    }

    private static Run Run(string text, bool bold = false, bool italic = false, string? size = null)
    {
        var properties = new RunProperties();
        if (bold)
        {
            properties.Append(new Bold());
        }

        if (italic)
        {
            properties.Append(new Italic());
        }

        if (size is not null)
        {
            properties.Append(new FontSize { Val = size });
        }

        var run = new Run(properties);
        var lines = text.Normalize().Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                run.Append(new Break());
            }

            run.Append(new Text(lines[i]) { Space = SpaceProcessingModeValues.Preserve });
        }

        return run;
    }

    private static Table Table(DocumentTable source)
    {
        const int textWidth = 9071;
        var total = source.Widths.Sum();
        var widths = source.Widths.Select(w => (int)(textWidth * w / total)).ToList();
        var border = new EnumValue<BorderValues>(BorderValues.Single);
        var table = new Table(new TableProperties(
            new TableWidth { Width = textWidth.ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
            new TableBorders(
                new TopBorder { Val = border, Size = 4 },
                new BottomBorder { Val = border, Size = 4 },
                new LeftBorder { Val = border, Size = 4 },
                new RightBorder { Val = border, Size = 4 },
                new InsideHorizontalBorder { Val = border, Size = 4 },
                new InsideVerticalBorder { Val = border, Size = 4 })));
        table.Append(new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        table.Append(Row(source.Header, widths, bold: true));
        foreach (var row in source.Rows)
        {
            table.Append(Row(row, widths, bold: false));
        }

        return table;
    }

    private static TableRow Row(IReadOnlyList<string> cells, List<int> widths, bool bold)
    {
        var row = new TableRow();
        for (var i = 0; i < cells.Count; i++)
        {
            row.Append(new TableCell(
                new TableCellProperties(new TableCellWidth { Width = widths[i].ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa }),
                Paragraph(JustificationValues.Left, Run(cells[i], bold))));
        }

        return row;
    }
}
