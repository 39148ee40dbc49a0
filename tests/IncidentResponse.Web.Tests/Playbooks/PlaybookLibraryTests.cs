using IncidentResponse.ServiceDefaults.Playbooks;
using IncidentResponse.Web.Playbooks;

namespace IncidentResponse.Web.Tests.Playbooks;

/// <summary>Rendering: safe HTML, the first steps the incident page shows, and texts without them refused; whom the shipped texts send the 5-day notice.</summary>
public sealed class PlaybookLibraryTests
{
    /// <summary>
    /// The 5-day incident notice (TT 20/2017/TT-BTTTT Điều 9.2, duty <c>incident-notice</c> of legal-regimes.yaml): the "when"
    /// cell of its row in the "who to notify" table, and its recipients there (owner, specialised-unit, national-coordinator).
    /// </summary>
    private static readonly NoticeRow IncidentNoticeVi = new("Thông báo sự cố trong 5 ngày", ["Chủ quản", "đơn vị chuyên trách", "cơ quan điều phối quốc gia"]);

    private static readonly NoticeRow IncidentNoticeEn = new("Incident notice within 5 days", ["Owner", "specialised unit", "national coordinator"]);

    [Fact]
    public void The_shipped_playbooks_render_with_their_first_steps_in_both_languages()
    {
        var library = new PlaybookLibrary(PlaybookIndex.Load(PlaybookFolder.Shipped));

        var vi = library.For("availability:ddos", "vi")!;
        var en = library.Find("ddos", "en")!;

        Assert.Equal("ddos", vi.Slug);
        Assert.StartsWith("Xác nhận đã nhận thông báo", vi.FirstSteps[0], StringComparison.Ordinal);
        Assert.StartsWith("Acknowledge the notification", en.FirstSteps[0], StringComparison.Ordinal);
        Assert.Equal(6, en.FirstSteps.Count);
        Assert.Contains("<table>", en.Html, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"first-15-minutes\">First 15 minutes</h2>", en.Html, StringComparison.Ordinal);
        Assert.Contains("type=\"checkbox\"", en.Html, StringComparison.Ordinal);
        Assert.Equal("vi", library.Find("ddos", "fr")!.Language);
        Assert.Null(library.Find("nothing", "vi"));
        Assert.Null(library.For("test:test", "en"));
    }

    [Fact]
    public void Raw_HTML_and_script_links_in_a_playbook_are_not_rendered()
    {
        const string Body = "<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1)) [ok](https://example.invalid/a) [local](/playbooks/ddos)\n\nautolinks: <javascript:alert(2)> <data:text/html,x> <https://example.invalid/b> <ops@example.invalid>";
        using var folder = new PlaybookFolder(withShipped: false)
            .Write("x.vi.md", PlaybookFolder.Text("x", "vi", "fraud:phishing", Body)).Write("x.en.md", PlaybookFolder.Text("x", "en", "fraud:phishing", Body));

        var html = new PlaybookLibrary(PlaybookIndex.Load(folder.Path)).Find("x", "en")!.Html;

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<a href=\"#\">click</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.invalid/a\">ok</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/playbooks/ddos\">local</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data:text", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<a href=\"https://example.invalid/b\">https://example.invalid/b</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"mailto:ops@example.invalid\">ops@example.invalid</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_without_its_first_steps_is_refused()
    {
        using var folder = new PlaybookFolder().Replace("ransomware.en.md", "## First 15 minutes", "## First minutes");

        var error = Assert.Throws<InvalidDataException>(() => new PlaybookLibrary(PlaybookIndex.Load(folder.Path)));
        Assert.Equal("ransomware.en.md has no list under '## First 15 minutes'", error.Message);
    }

    [Fact]
    public void Every_shipped_playbook_has_a_checklist_whose_items_pair_up_in_both_languages()
    {
        var index = PlaybookIndex.Load(PlaybookFolder.Shipped);
        Assert.All(index.All, p =>
        {
            Assert.True(p.Vi.Checklist.Count >= 5, $"{p.Slug}: {p.Vi.Checklist.Count} checklist items");
            Assert.Equal(p.Vi.Checklist.Count, p.En.Checklist.Count);
            Assert.All(p.Vi.Checklist.Concat(p.En.Checklist), i => Assert.DoesNotContain('`', i));
        });
        var ddos = index.Find("ddos")!;
        Assert.Equal("Đã gửi báo cáo kết thúc Mẫu 04", ddos.Vi.Checklist[^1]);
        Assert.Equal("Đã đánh giá có phải sự cố nghiêm trọng; nếu có thể nghiêm trọng hoặc vượt khả năng xử lý, đã gửi Mẫu 03 [TBSC]", ddos.Vi.Checklist[3]);
    }

    [Fact]
    public void A_checklist_item_missing_in_one_language_is_refused()
    {
        using var folder = new PlaybookFolder().Replace("ddos.en.md", "- [ ] Telecom called", "Telecom called");

        var error = Assert.Throws<InvalidDataException>(() => PlaybookIndex.Load(folder.Path));
        Assert.Contains("ddos.vi.md has 8 checklist items ('- [ ]') and ddos.en.md 7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_playbook_sends_the_five_day_incident_notice_to_the_owner_the_specialised_unit_and_the_national_coordinator()
    {
        var index = PlaybookIndex.Load(PlaybookFolder.Shipped);
        var missing = new List<string>();

        foreach (var playbook in index.All)
        {
            foreach (var language in Playbook.Languages)
            {
                var notice = language == "en" ? IncidentNoticeEn : IncidentNoticeVi;
                // | whom | when | how |: the one table row whose "when" cell is the 5-day notice.
                var row = Assert.Single(playbook.In(language).Markdown.Split('\n'),
                    line => line.StartsWith('|') && line.Contains($"| {notice.When} |", StringComparison.Ordinal));
                var whom = row.Split('|')[1].Trim();
                missing.AddRange(notice.Recipients
                    .Where(recipient => !whom.Contains(recipient, StringComparison.Ordinal))
                    .Select(recipient => $"{playbook.Slug}.{language}.md: '{whom}' does not name '{recipient}'"));
            }
        }

        Assert.Empty(missing);
    }

    private sealed record NoticeRow(string When, IReadOnlyList<string> Recipients);
}
