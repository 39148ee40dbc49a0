namespace IncidentResponse.Triage.Documents;

/// <summary>
/// A form as content, independent of the file format: both <see cref="DocxRenderer"/> and
/// <see cref="PdfRenderer"/> draw the same blocks, so the DOCX and the PDF of a form never differ.
/// </summary>
public sealed record OfficialDocument(string FileName, string Title, IReadOnlyList<DocumentBlock> Blocks)
{
    /// <summary>What an empty field shows.</summary>
    public const string Blank = "—";

    /// <summary>
    /// The fields marked required (*) that are empty, in the form's order, each with the section it is in (Mẫu 03 asks a
    /// name, phone and e-mail of both the reporter and the contact person).
    /// </summary>
    public IReadOnlyList<MissingField> MissingRequired()
    {
        var missing = new List<MissingField>();
        string? section = null;
        foreach (var block in Blocks)
        {
            if (block is DocumentLine { Style: LineStyle.Section } heading)
            {
                section = heading.Text;
            }
            else if (block is DocumentField { Required: true } field && string.IsNullOrWhiteSpace(field.Value))
            {
                missing.Add(new MissingField(section, field.Label));
            }
        }

        return missing;
    }
}

/// <summary>A required field left empty: its label, and the section of the form it is in (none before the first).</summary>
public sealed record MissingField(string? Section, string Label)
{
    /// <summary>"Địa chỉ (1. Thông tin người báo cáo)".</summary>
    public override string ToString() => Section is null ? Label : $"{Label} ({Section})";
}

/// <summary>One part of a form.</summary>
public abstract record DocumentBlock;

/// <summary>A line of text: the national motto, a title, a section heading or a note.</summary>
public sealed record DocumentLine(string Text, LineStyle Style) : DocumentBlock;

/// <summary>A labelled field of the form; an empty value shows <see cref="OfficialDocument.Blank"/>, a required one is marked (*).</summary>
public sealed record DocumentField(string Label, string? Value, bool Required = false) : DocumentBlock
{
    public string Shown => string.IsNullOrWhiteSpace(Value) ? OfficialDocument.Blank : Value.Trim();

    public string ShownLabel => Required ? Label + " (*)" : Label;
}

/// <summary>A table with a header row; <paramref name="Widths"/> are relative column widths.</summary>
public sealed record DocumentTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<double> Widths) : DocumentBlock;

/// <summary>How a <see cref="DocumentLine"/> is set.</summary>
public enum LineStyle
{
    /// <summary>Centred, bold: the national motto, the form's number.</summary>
    Centred,

    /// <summary>Centred, bold, larger: the form's title.</summary>
    Title,

    /// <summary>Bold, left: a section of the form.</summary>
    Section,

    /// <summary>Plain paragraph.</summary>
    Text,

    /// <summary>Italic note, right-aligned in the PDF (place and date, signature).</summary>
    Note,
}
