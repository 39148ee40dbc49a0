using IncidentResponse.Contracts.Api.Documents;
using IncidentResponse.Triage.Documents;

namespace IncidentResponse.Triage.Tests.Documents;

/// <summary>The list of editable fields stays in step with the forms, and an edit replaces exactly the field it names.</summary>
public sealed class DocumentEditingTests
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    private static IncidentFacts Facts => new(DocumentFormTests.RichIncident(), DocumentFormTests.RichReport(), "Nghe trộm", Zone, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Every_editable_field_names_a_field_or_line_of_its_form()
    {
        foreach (var (form, fields) in DocumentEditing.Fields)
        {
            var document = DocumentForms.For(form, Facts);
            foreach (var (field, label) in fields.Where(f => f.Value.Length > 0))
            {
                Assert.True(
                    document.Blocks.OfType<DocumentField>().Count(f => f.Label == label) == 1
                    || (label == DocumentEditing.AddressedToLine && document.Blocks.OfType<DocumentLine>().Any(l => l.Text.StartsWith(label, StringComparison.Ordinal))),
                    $"{form}.{field}: the form has no single field labelled \"{label}\"");
            }
        }
    }

    [Fact]
    public void An_edit_replaces_only_its_field_and_the_place_and_signer_go_under_the_date()
    {
        var original = DocumentForms.For(DocumentForms.Mau04, Facts);
        var edited = DocumentEditing.Apply(original, DocumentForms.Mau04, new DocumentEdits { Result = "Đã khôi phục", Place = "Bắc Ninh", Signer = "Lê Văn Cường" });

        var changed = original.Blocks.Zip(edited.Blocks).Where(p => p.First != p.Second).ToList();
        Assert.Equal(2, changed.Count);
        Assert.Equal("Đã khôi phục", Assert.IsType<DocumentField>(changed[0].Second).Value);
        var note = Assert.IsType<DocumentLine>(changed[1].Second).Text;
        Assert.StartsWith("Bắc Ninh, ngày", note, StringComparison.Ordinal);
        Assert.EndsWith("\n\nLê Văn Cường", note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_of_another_form_too_long_or_with_control_characters_is_named()
    {
        var errors = DocumentEditing.Check(DocumentForms.Mau03, new DocumentEdits
        {
            Result = "x", Description = new string('a', DocumentEditing.MaxText + 1), Recommendations = "bell\u0007", Signer = new string('s', DocumentEditing.MaxShort + 1),
        });

        Assert.Equal(["description", "recommendations", "result", "signer"], errors.Keys.Order());
        Assert.Empty(DocumentEditing.Check(DocumentForms.Mau03, new DocumentEdits { Description = "dòng 1\r\ndòng 2\tcột", Confidential = true }));
    }
}
