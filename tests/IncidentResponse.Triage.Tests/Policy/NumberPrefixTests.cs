using IncidentResponse.Triage.Incidents;
using IncidentResponse.Triage.Policy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Triage.Tests.Policy;

/// <summary>
/// <c>Triage:NumberPrefix</c> is checked when the role starts: a prefix intake would not recognise in a report (lower case,
/// a hyphen, too long) made every follow-up quoting a number open an incident of its own, silently.
/// </summary>
public sealed class NumberPrefixTests
{
    [Theory]
    [InlineData("SC", true)]
    [InlineData("BN", true)]
    [InlineData("SOC2", true)]
    [InlineData("ABCDEFGHIJ", true)]
    [InlineData("sc", false)]
    [InlineData("S-C", false)]
    [InlineData("2SC", false)]
    [InlineData("ABCDEFGHIJK", false)]
    [InlineData("", false)]
    [InlineData("SC\n", false)]
    [InlineData("ŚC", false)]
    [InlineData("CVE", false)] // intake reads CVE-2026-12345 as no incident number
    [InlineData("CNNVD", false)]
    public void A_prefix_is_one_to_ten_upper_case_letters_and_digits_starting_with_a_letter(string prefix, bool valid) =>
        Assert.Equal(valid, IncidentNumbers.IsPrefix(prefix));

    [Fact]
    public void The_triage_role_refuses_a_prefix_reports_could_not_quote()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Triage:NumberPrefix"] = "bn-sc" });
        new TriageRole().AddServices(builder);
        using var services = builder.Services.BuildServiceProvider();

        var refusal = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TriageOptions>>().Value);
        Assert.Contains("Triage:NumberPrefix", refusal.Message, StringComparison.Ordinal);
    }
}
