using IncidentResponse.Notifications.Partners;
using IncidentResponse.Notifications.Routing;
using IncidentResponse.Notifications.Tests.Support;

namespace IncidentResponse.Notifications.Tests.Routing;

/// <summary>Routing 2026.2 with directory 2026.2: the owner is told, the report chain of QĐ 05/2017 Điều 11.5, ISP aliases.</summary>
public sealed class ReportChainTests
{
    private static readonly DateTimeOffset At = new(2027, 1, 2, 10, 0, 0, TimeSpan.FromHours(7));

    private static RoutingFile Rules => ShippedNotificationRules.Rules.RoutingAt(At).Content;

    private static DirectoryFile Directory => ShippedNotificationRules.Rules.DirectoryAt(At).Content;

    private static Dictionary<string, string> Route(
        string classification, int level, bool serious = false, string? isp = null, string? owner = "Văn phòng UBND tỉnh", bool personalData = false) =>
        Router.Route(Rules, new RoutingFacts(classification, level, serious, "AMBER", isp, personalData, owner), Directory)
            .ToDictionary(r => r.UnitCode, r => r.Rule.Id);

    [Fact]
    public void The_new_versions_are_in_force_from_3_December_2026_and_the_old_ones_before()
    {
        var from = new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.FromHours(7));
        Assert.Equal("2026.2", ShippedNotificationRules.Rules.RoutingAt(from).Version);
        Assert.Equal("2026.2", ShippedNotificationRules.Rules.DirectoryAt(from).Version);
        Assert.Equal("2026.1", ShippedNotificationRules.Rules.RoutingAt(from.AddTicks(-1)).Version);
        Assert.Equal("2026.1", ShippedNotificationRules.Rules.DirectoryAt(from.AddTicks(-1)).Version);
    }

    [Fact]
    public void On_a_serious_incident_the_legal_initial_report_goes_along_the_report_chain_only_from_2026_3()
    {
        var facts = new RoutingFacts("availability:ddos", 4, true, "AMBER", "VNPT", false, "Văn phòng UBND tỉnh");
        var from = new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.FromHours(7));
        Assert.Equal("2026.3", ShippedNotificationRules.Rules.RoutingAt(from).Version);

        var chain = Router.Route(ShippedNotificationRules.Rules.RoutingAt(from).Content, facts, Directory).ToDictionary(r => r.UnitCode, r => r.LegalChain);
        Assert.Equal(["bcd-bn", "bcd-qg", "pa05-bn", "thuongtruc-qg", "vncert", "vp-ubnd-bn"], chain.Where(c => c.Value).Select(c => c.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["skhcn-bn", "vnpt-bn"], chain.Where(c => !c.Value).Select(c => c.Key).Order(StringComparer.Ordinal));

        // 2026.2 says nothing about the chain: every unit engaged on a serious incident gets the report, as before.
        Assert.All(Router.Route(ShippedNotificationRules.Rules.RoutingAt(from.AddTicks(-1)).Content, facts, Directory), r => Assert.True(r.LegalChain, r.UnitCode));
    }

    [Theory]
    [InlineData("Văn phòng UBND tỉnh", "vp-ubnd-bn")]
    [InlineData("van phong ubnd tinh bac ninh", "vp-ubnd-bn")]
    [InlineData("VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH BẮC NINH.", "vp-ubnd-bn")]
    [InlineData("Sở Y tế", "syt-bn")]
    [InlineData("UBND phường Kinh Bắc", "ubnd-kinh-bac")]
    [InlineData("Sở TT&TT", "skhcn-bn")]
    public void The_owner_agency_of_the_affected_system_is_told_by_name_or_alias(string owner, string unit) =>
        Assert.Equal("owner-of-the-system", Route("vulnerable:weak-crypto", 0, owner: owner)[unit]);

    [Fact]
    public void An_owner_that_is_not_in_the_directory_engages_nobody() =>
        Assert.Empty(Route("vulnerable:weak-crypto", 0, owner: "Công ty ABC"));

    [Fact]
    public void An_operators_report_goes_to_the_owner_and_the_specialised_unit_copied_to_the_national_coordinator()
    {
        var routed = Route("availability:ddos", 2, isp: "VNPT Bắc Giang");

        Assert.Equal(["pa05-bn", "vncert", "vnpt-bn", "vp-ubnd-bn"], routed.Keys.Order());
        Assert.Equal("chain-operator-report", routed["pa05-bn"]);
        Assert.Equal("chain-operator-report", routed["vncert"]);
        Assert.Equal("isp-availability-intrusion", routed["vnpt-bn"]);
    }

    [Fact]
    public void A_serious_incident_adds_the_provincial_committee_and_the_committee_reports_to_the_national_bodies()
    {
        var ordinary = Route("availability:ddos", 3, isp: "VNPT");
        var serious = Route("availability:ddos", 4, serious: true, isp: "VNPT");

        Assert.Superset(ordinary.Keys.ToHashSet(), serious.Keys.ToHashSet());
        Assert.Equal("chain-serious", serious["bcd-bn"]);
        Assert.Equal("chain-committee-to-national", serious["thuongtruc-qg"]);
        Assert.Equal("chain-committee-to-national", serious["bcd-qg"]);
        Assert.DoesNotContain("bcd-qg", ordinary.Keys);
        Assert.DoesNotContain("bcd-bn", ordinary.Keys);
    }

    [Theory]
    [InlineData("VNPT", "vnpt-bn")]
    [InlineData("vnpt bắc ninh", "vnpt-bn")]
    [InlineData("Viễn thông Bắc Ninh", "vnpt-bn")]
    [InlineData("VIEN THONG BAC GIANG", "vnpt-bn")]
    [InlineData("Viettel Bắc Ninh", "viettel-bn")]
    [InlineData("viettel - chi nhánh Bắc Giang", "viettel-bn")]
    [InlineData("Viễn thông Quân đội", "viettel-bn")]
    public void The_ISP_is_found_by_name_alias_or_first_words_whatever_the_case_and_diacritics(string isp, string unit) =>
        Assert.Equal("isp-availability-intrusion", Route("availability:dos", 1, isp: isp, owner: null)[unit]);

    [Theory]
    [InlineData("FPT Telecom")]
    [InlineData("Viễn thông FPT")]
    [InlineData("VNPTX")]
    [InlineData("")]
    public void Another_ISP_engages_no_telecom_operator(string isp) =>
        Assert.DoesNotContain(Route("availability:dos", 1, isp: isp, owner: null).Keys, u => u is "vnpt-bn" or "viettel-bn");

    [Fact]
    public void Each_recipient_role_of_the_legal_regimes_resolves_to_a_unit_of_the_directory()
    {
        foreach (var role in new[] { "steering-committee", "specialised-unit", "national-coordinator", "provincial-police", "a05", "national-standing-body", "national-steering-committee" })
        {
            var units = RecipientRoles.Resolve(Directory, role, ownerAgency: null);
            Assert.NotEmpty(units);
            Assert.All(units, u => Assert.Contains(Directory.Units, d => d.Code == u));
        }

        Assert.Equal(["pa05-bn"], RecipientRoles.Resolve(Directory, "specialised-unit", null));
        Assert.Equal(["vp-ubnd-bn"], RecipientRoles.Resolve(Directory, RecipientRoles.Owner, "Văn phòng UBND tỉnh"));
        Assert.Empty(RecipientRoles.Resolve(Directory, RecipientRoles.Owner, null));
    }

    [Fact]
    public void The_committee_unit_has_its_official_name() =>
        Assert.Equal("Ban Chỉ đạo ứng cứu khẩn cấp sự cố an toàn thông tin mạng tỉnh Bắc Ninh", Directory.Units.Single(u => u.Code == "bcd-bn").NameVi);
}
