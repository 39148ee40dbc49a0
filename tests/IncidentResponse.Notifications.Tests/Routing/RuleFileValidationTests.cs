using IncidentResponse.Notifications.Configuration;
using IncidentResponse.Notifications.Tests.Support;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Notifications.Tests.Routing;

/// <summary>A mistake in a directory, routing or disclosure file stops the start with a message naming it.</summary>
public sealed class RuleFileValidationTests
{
    private static InvalidDataException Refused(string fileName, string original, string replacement)
    {
        var directory = ShippedNotificationRules.CopyWith(fileName, text =>
        {
            Assert.Contains(original, text, StringComparison.Ordinal);
            return text.Replace(original, replacement, StringComparison.Ordinal);
        });
        try
        {
            return Assert.Throws<InvalidDataException>(() => ShippedNotificationRules.Load(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void The_shipped_files_load_and_name_their_versions()
    {
        var rules = ShippedNotificationRules.Load(ShippedNotificationRules.Directory);

        Assert.Equal(["directory 2026.1", "directory 2026.2", "routing 2026.1", "routing 2026.2", "routing 2026.3", "tlp-disclosure 2026.1"], rules.AllFiles.Select(f => $"{f.Kind} {f.Version}"));
        var units = rules.Directories[0].Content.Units.Select(u => u.Code).ToList();
        Assert.Equal(["bcd-bn", "pa05-bn", "skhcn-bn", "vnpt-bn", "viettel-bn", "buudien-bn", "vncert", "a05"], units);
        Assert.Subset(rules.Directories[1].Content.Units.Select(u => u.Code).ToHashSet(), units.ToHashSet());
        Assert.All(rules.Directories.SelectMany(d => d.Content.Units).SelectMany(u => u.DutyPoint.Channels).Where(c => c.Email is not null),
            c => Assert.EndsWith(".example.invalid", c.Email, StringComparison.Ordinal));
    }

    [Fact]
    public void A_routing_rule_naming_an_unknown_unit_is_refused() =>
        Assert.Contains("unknown unit pa06-bn", Refused("routing-2026.1.yaml", "engage: [pa05-bn]\n  - id: police-serious", "engage: [pa06-bn]\n  - id: police-serious").Message, StringComparison.Ordinal);

    [Fact]
    public void A_routing_rule_with_a_class_outside_RSIT_is_refused() =>
        Assert.Contains("class availibility", Refused("routing-2026.1.yaml", "classes: [availability, intrusions", "classes: [availibility, intrusions").Message, StringComparison.Ordinal);

    [Fact]
    public void An_unknown_key_in_a_rule_is_refused_rather_than_ignored() =>
        Assert.Contains("routing-2026.1.yaml", Refused("routing-2026.1.yaml", "      minSeverity: 4", "      minimumSeverity: 4").Message, StringComparison.Ordinal);

    [Fact]
    public void A_bad_e_mail_address_in_the_directory_is_refused() =>
        Assert.Contains("unit vncert: dutyPoint: email address not-an-address is not valid", Refused("directory-2026.1.yaml", "- email: ir@vncert.example.invalid", "- email: not-an-address").Message, StringComparison.Ordinal);

    [Fact]
    public void A_person_of_an_unknown_unit_is_refused() =>
        Assert.Contains("unit vnpt-hn is not in the directory", Refused("directory-2026.1.yaml", "unit: vnpt-bn\n", "unit: vnpt-hn\n").Message, StringComparison.Ordinal);

    [Fact]
    public void A_webhook_without_a_secret_name_is_refused() =>
        Assert.Contains("a webhook needs secretRef", Refused("directory-2026.1.yaml", "- email: ir@vncert.example.invalid", "- webhook: https://hooks.vncert.example.invalid/ir").Message, StringComparison.Ordinal);

    [Fact]
    public void A_webhook_over_plain_http_to_another_machine_is_refused_unless_its_host_is_allowed()
    {
        const string original = "- email: ir@vncert.example.invalid";
        const string plain = "- webhook: http://hooks.vncert.example.invalid/ir/TOKEN\n          secretRef: vncert";
        var refused = Refused("directory-2026.1.yaml", original, plain);
        Assert.Contains("unit vncert: webhook http://hooks.vncert.example.invalid/… uses plain http", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("TOKEN", refused.Message, StringComparison.Ordinal);

        foreach (var (replacement, allowed) in new[] { (plain, "hooks.vncert.example.invalid"), (plain.Replace("hooks.vncert.example.invalid", "127.0.0.1:9000", StringComparison.Ordinal), null) })
        {
            var directory = ShippedNotificationRules.CopyWith("directory-2026.1.yaml", text => text.Replace(original, replacement, StringComparison.Ordinal));
            try
            {
                var rules = new NotificationRules(Options.Create(new NotificationsOptions { RulesDirectory = directory, PlainHttpWebhookHosts = allowed is null ? [] : [allowed] }));
                Assert.Contains(rules.Directories[0].Content.Webhooks(), w => w.Owner == "unit vncert" && w.Address.StartsWith("http://", StringComparison.Ordinal));
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    public void An_unknown_disclosure_level_is_refused() =>
        Assert.Contains("everything", Refused("tlp-disclosure-2026.1.yaml", "CLEAR:        { email: full,", "CLEAR:        { email: everything,").Message, StringComparison.Ordinal);

    [Fact]
    public void A_recipient_role_naming_an_unknown_unit_is_refused() =>
        Assert.Contains("recipientRoles: specialised-unit names unknown unit pa06-bn",
            Refused("directory-2026.2.yaml", "specialised-unit: [pa05-bn]", "specialised-unit: [pa06-bn]").Message, StringComparison.Ordinal);

    [Fact]
    public void The_owner_role_cannot_be_given_to_a_unit() =>
        Assert.Contains("'owner' is not a role name", Refused("directory-2026.2.yaml", "  a05: [a05]\n", "  a05: [a05]\n  owner: [vp-ubnd-bn]\n").Message, StringComparison.Ordinal);

    [Fact]
    public void An_alias_two_units_share_is_refused() =>
        Assert.Contains("unit syt-bn: name or alias 'so y te' is also unit stp-bn's",
            Refused("directory-2026.2.yaml", "aliases: [Sở Tư pháp]", "aliases: [Sở Tư pháp, Sở Y Tế]").Message, StringComparison.Ordinal);

    [Fact]
    public void A_directory_phone_number_that_is_not_a_phone_number_is_refused_naming_the_unit_and_the_number()
    {
        var message = Refused("directory-2026.1.yaml", "- sms: \"+84900000101\"", "- sms: \"+84 12345\"").Message;

        Assert.Contains("unit bcd-bn", message, StringComparison.Ordinal);
        Assert.Contains("sms: số điện thoại '+84 12345' không hợp lệ", message, StringComparison.Ordinal);
        Assert.Contains("phone number '+84 12345' is not valid", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_voice_or_ZNS_number_written_nationally_is_accepted_and_stored_in_E164()
    {
        var directory = ShippedNotificationRules.CopyWith("directory-2026.1.yaml", text => text.Replace("- sms: \"+84900000101\"", "- voice: \"0900 000 101\"", StringComparison.Ordinal));
        try
        {
            var rules = ShippedNotificationRules.Load(directory);
            var duty = rules.Directories[0].Content.Units.Single(u => u.Code == "bcd-bn").DutyPoint.Channels;

            Assert.Equal(new Partners.ContactChannel("voice", "+84900000101", null), duty.Single(c => c.Voice is not null).ToContact());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
