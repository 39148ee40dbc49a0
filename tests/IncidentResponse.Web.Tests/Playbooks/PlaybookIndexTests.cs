using IncidentResponse.ServiceDefaults.Playbooks;

namespace IncidentResponse.Web.Tests.Playbooks;

/// <summary>The shipped playbooks, the lookup by classification and the files that are refused.</summary>
public sealed class PlaybookIndexTests
{
    private static readonly PlaybookIndex Shipped = PlaybookIndex.Load(PlaybookFolder.Shipped);

    [Fact]
    public void The_ten_shipped_playbooks_load_in_both_languages()
    {
        Assert.Equal(["data-leak", "ddos", "defacement", "intrusion-attempts", "malware", "outage", "phishing", "ransomware", "system-compromise", "vulnerable"],
            Shipped.All.Select(p => p.Slug));
        Assert.All(Shipped.All, p =>
        {
            Assert.NotEqual(p.Vi.Title, p.En.Title);
            Assert.InRange(p.Vi.Markdown.Split('\n').Length, 70, 160);
            Assert.InRange(p.En.Markdown.Split('\n').Length, 70, 160);
        });
        var ddos = Shipped.Find("ddos")!;
        Assert.Equal("Tấn công từ chối dịch vụ (DoS/DDoS)", ddos.Vi.Title);
        Assert.Equal(["availability:ddos", "availability:dos"], ddos.Classes);
        Assert.Equal(new DateOnly(2026, 11, 26), ddos.Updated);
        Assert.DoesNotContain("slug:", ddos.Vi.Markdown, StringComparison.Ordinal);
        Assert.Equal(Shipped.Find("vulnerable"), Shipped.For("vulnerable:weak-crypto"));
        Assert.Equal(Shipped.Find("intrusion-attempts"), Shipped.For("intrusion-attempts:brute-force"));
    }

    [Theory]
    [InlineData("availability:ddos", "ddos")]
    [InlineData("availability:dos", "ddos")]
    [InlineData("availability:sabotage", null)]
    [InlineData("information-content-security:unauthorised-information-modification", "defacement")]
    [InlineData("information-content-security:data-leak", "data-leak")]
    [InlineData("fraud:phishing", "phishing")]
    [InlineData("intrusions:system-compromise", "system-compromise")]
    [InlineData("intrusions:burglary", "system-compromise")]
    [InlineData("malicious-code:c2-server", "malware")]
    [InlineData("availability:outage", "outage")]
    [InlineData("availability:misconfiguration", "outage")]
    [InlineData("test:test", null)]
    [InlineData("other:undetermined", null)]
    [InlineData("", null)]
    public void A_classification_finds_its_exact_value_then_its_class_then_nothing(string classification, string? slug) =>
        Assert.Equal(slug, Shipped.For(classification)?.Slug);

    [Theory]
    [InlineData("Mã độc mã hóa dữ liệu máy chủ tệp của Sở Y tế", "ransomware")]
    [InlineData("RANSOMWARE LockBit trên máy chủ kế toán", "ransomware")]
    [InlineData("Thư tống tiền sau khi dữ liệu bị mã hoá", "ransomware")]
    [InlineData("Cổng thông tin bị thay đổi giao diện", "defacement")]
    [InlineData(null, "defacement")]
    public void A_correctly_classified_ransomware_report_gets_the_ransomware_playbook_by_its_title(string? title, string slug)
    {
        const string modification = "information-content-security:unauthorised-information-modification";

        Assert.Equal(slug, Shipped.For(modification, title)?.Slug);
        Assert.Equal(["defacement", "ransomware"], Shipped.Candidates(modification).Select(p => p.Slug));
        Assert.Contains(modification, Shipped.Find("ransomware")!.Classes);
    }

    [Fact]
    public void Two_playbooks_without_keywords_for_one_value_are_refused()
    {
        using var folder = new PlaybookFolder(withShipped: false)
            .Write("one.vi.md", PlaybookFolder.Text("one", "vi", "intrusions:burglary")).Write("one.en.md", PlaybookFolder.Text("one", "en", "intrusions:burglary"))
            .Write("two.vi.md", PlaybookFolder.Text("two", "vi", "intrusions:burglary")).Write("two.en.md", PlaybookFolder.Text("two", "en", "intrusions:burglary"));

        var error = Assert.Throws<InvalidDataException>(() => PlaybookIndex.Load(folder.Path));

        Assert.Contains("already covered by one", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_exact_value_wins_over_a_whole_class_named_by_another_playbook()
    {
        using var folder = new PlaybookFolder(withShipped: false)
            .Write("whole.vi.md", PlaybookFolder.Text("whole", "vi", "intrusions")).Write("whole.en.md", PlaybookFolder.Text("whole", "en", "intrusions"))
            .Write("exact.vi.md", PlaybookFolder.Text("exact", "vi", "intrusions:burglary")).Write("exact.en.md", PlaybookFolder.Text("exact", "en", "intrusions:burglary"));

        var index = PlaybookIndex.Load(folder.Path);

        Assert.Equal("exact", index.For("intrusions:burglary")?.Slug);
        Assert.Equal("whole", index.For("intrusions:system-compromise")?.Slug);
    }

    [Fact]
    public void A_playbook_without_its_English_text_is_refused()
    {
        using var folder = new PlaybookFolder().Delete("malware.en.md");

        var error = Assert.Throws<InvalidDataException>(() => PlaybookIndex.Load(folder.Path));
        Assert.Contains("'malware' needs exactly one Vietnamese and one English file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_class_is_refused_naming_it()
    {
        using var folder = new PlaybookFolder()
            .Replace("ddos.vi.md", "availability:dos]", "availability:flood]").Replace("ddos.en.md", "availability:dos]", "availability:flood]");

        var error = Assert.Throws<InvalidDataException>(() => PlaybookIndex.Load(folder.Path));
        Assert.Contains("ddos: 'availability:flood' is neither an RSIT class nor a class:type value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_claimed_by_two_playbooks_is_refused()
    {
        using var folder = new PlaybookFolder()
            .Write("flood.vi.md", PlaybookFolder.Text("flood", "vi", "availability:ddos")).Write("flood.en.md", PlaybookFolder.Text("flood", "en", "availability:ddos"));

        var error = Assert.Throws<InvalidDataException>(() => PlaybookIndex.Load(folder.Path));
        Assert.Contains("'availability:ddos' is already covered by", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("---\nslug: other\ntitle: X\nclasses: [fraud:spam]\nversion: \"1\"\nupdated: 2026-11-26\n---\nbody", "slug 'other' differs from the file name's 'x'")]
    [InlineData("---\nslug: x\ntitle: X\nclasses: [fraud:phishing]\nversion: \"1\"\nupdated: 26/11/2026\n---\nbody", "updated '26/11/2026' is not a yyyy-MM-dd date")]
    [InlineData("---\nslug: x\ntitle: X\nclasses: []\nversion: \"1\"\nupdated: 2026-11-26\n---\nbody", "classes is empty")]
    [InlineData("---\nslug: x\ntitle: X\nclasses: [fraud:phishing]\nversion: \"1\"\nupdated: 2026-11-26\nowner: me\n---\nbody", "x.vi.md front matter line")]
    [InlineData("# No front matter\n\nbody", "starts with a front matter block")]
    public void A_malformed_front_matter_is_refused_naming_the_file(string text, string expected)
    {
        using var folder = new PlaybookFolder(withShipped: false).Write("x.vi.md", text).Write("x.en.md", PlaybookFolder.Text("x", "en", "fraud:phishing"));

        var error = Assert.Throws<InvalidDataException>(() => PlaybookIndex.Load(folder.Path));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("x.vi.md", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_two_languages_must_agree_on_the_classes()
    {
        using var folder = new PlaybookFolder().Replace("phishing.en.md", ", fraud:masquerade", string.Empty);

        var error = Assert.Throws<InvalidDataException>(() => PlaybookIndex.Load(folder.Path));
        Assert.Contains("phishing.vi.md and phishing.en.md must name the same classes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_badly_named_file_is_refused()
    {
        using var folder = new PlaybookFolder().Write("DDoS.fr.md", "x");

        var error = Assert.Throws<InvalidDataException>(() => PlaybookIndex.Load(folder.Path));
        Assert.Contains("DDoS.fr.md: a playbook file is named <slug>.vi.md or <slug>.en.md", error.Message, StringComparison.Ordinal);
    }
}
