using IncidentResponse.Triage.Register;

namespace IncidentResponse.Triage.Tests.Register;

/// <summary>The register's search rules: folding Vietnamese, cutting terms, and defusing CSV cells.</summary>
public sealed class SearchTextTests
{
    [Theory]
    [InlineData("Cà Mau", "ca mau")]
    [InlineData("ĐỒNG NAI", "dong nai")]
    [InlineData("Quảng Phú", "quang phu")]
    [InlineData("Hệ thống thư điện tử", "he thong thu dien tu")]
    public void Folding_removes_case_and_Vietnamese_diacritics_and_turns_d_with_stroke_into_d(string text, string folded) =>
        Assert.Equal(folded, SearchText.Fold(text));

    [Fact]
    public void Terms_keep_addresses_numbers_and_hashes_whole_and_add_their_parts_and_parent_domains()
    {
        var terms = SearchText.Terms(["SC-2026-00042", "mail.so-tt.example.vn", "203.0.113.10", "Cổng Cà Mau!", "44d88612fea8a8f36de82e1278abb02f"]);

        Assert.Superset(new HashSet<string>(StringComparer.Ordinal)
        {
            "sc-2026-00042", "00042", "mail.so-tt.example.vn", "so-tt.example.vn", "example.vn", "203.0.113.10", "cong", "ca", "mau",
            "44d88612fea8a8f36de82e1278abb02f",
        }, new HashSet<string>(terms, StringComparer.Ordinal));
        Assert.DoesNotContain("mau!", terms);
    }

    [Fact]
    public void Query_words_are_folded_and_cut_like_the_terms()
    {
        Assert.Equal(["quang", "phu", "12345"], SearchText.Words("  Quảng  PHÚ, 12345 "));
        Assert.Empty(SearchText.Words(" ,; "));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+1", "\"'+1\"")]
    [InlineData("-2", "\"'-2\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("\tx", "\"'\tx\"")]
    [InlineData("Cà Mau", "\"Cà Mau\"")]
    public void A_CSV_cell_that_a_spreadsheet_would_run_as_a_formula_gets_a_leading_apostrophe(string text, string cell) =>
        Assert.Equal(cell, RegisterCsv.Cell(text));
}
