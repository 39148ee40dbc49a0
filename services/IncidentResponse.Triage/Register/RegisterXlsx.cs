using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace IncidentResponse.Triage.Register;

/// <summary>
/// The register as one XLSX sheet, written row by row with the OpenXml SDK's streaming writer (inline strings: a text
/// cell is never a formula). Characters XML cannot carry are left out.
/// </summary>
public static class RegisterXlsx
{
    public const string SheetName = "So su co - Register";

    public static async Task WriteAsync(Stream stream, IAsyncEnumerable<object?[]> rows, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            var sheet = workbook.AddNewPart<WorksheetPart>();
            using (var writer = OpenXmlWriter.Create(sheet))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteStartElement(new SheetData());
                Row(writer, RegisterExport.Headers);
                await foreach (var row in rows.WithCancellation(cancel))
                {
                    Row(writer, row);
                }

                writer.WriteEndElement();
                writer.WriteEndElement();
            }

            workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = SheetName }));
            workbook.Workbook.Save();
        }

        await stream.FlushAsync(cancel);
    }

    private static void Row(OpenXmlWriter writer, IEnumerable<object?> cells)
    {
        writer.WriteStartElement(new Row());
        foreach (var value in cells)
        {
            switch (value)
            {
                case null:
                    writer.WriteElement(new Cell());
                    break;
                case int number:
                    writer.WriteElement(new Cell { DataType = CellValues.Number, CellValue = new CellValue(number.ToString(CultureInfo.InvariantCulture)) });
                    break;
                default:
                    var text = XmlSafe(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
                    writer.WriteElement(new Cell(new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve })) { DataType = CellValues.InlineString });
                    break;
            }
        }

        writer.WriteEndElement();
    }

    private static string XmlSafe(string text) => string.Concat(text.Where(c => c is '\t' or '\n' or '\r' || (c >= ' ' && c != '\uFFFE' && c != '\uFFFF')));
}
