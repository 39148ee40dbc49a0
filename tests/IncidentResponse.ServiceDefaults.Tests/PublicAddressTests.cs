using IncidentResponse.ServiceDefaults.Security;
using Microsoft.Extensions.Configuration;

namespace IncidentResponse.ServiceDefaults.Tests;

public sealed class PublicAddressTests
{
    private static IConfiguration Settings(string? publicBaseUrl, string? urls) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Notifications:PublicBaseUrl"] = publicBaseUrl,
            ["Urls"] = urls,
        }).Build();

    [Theory]
    [InlineData("https://ir.example.invalid", "http://+:8080", "https://ir.example.invalid/")]
    [InlineData(null, "http://127.0.0.1:5080;http://10.0.0.1:5080", "http://127.0.0.1:5080/")]
    [InlineData(null, null, "http://127.0.0.1:5080/")]
    public void The_public_base_url_comes_first_then_the_listening_address(string? configured, string? urls, string expected) =>
        Assert.Equal(new Uri(expected), PublicAddress.Resolve(Settings(configured, urls)));

    [Theory]
    [InlineData(null, "http://+:8080")]
    [InlineData(null, "http://*:8080")]
    [InlineData(null, "http://0.0.0.0:8080")]
    [InlineData(null, "http://[::]:8080")]
    [InlineData("/relative", null)]
    [InlineData("ftp://ir.example.invalid/", null)]
    public void No_links_can_be_built_from_a_wildcard_listening_address_or_a_bad_setting(string? configured, string? urls) =>
        Assert.Null(PublicAddress.Resolve(Settings(configured, urls)));

    [Fact]
    public void Https_is_recognised_and_a_loopback_fallback_is_told_apart()
    {
        Assert.True(PublicAddress.IsHttps(Settings("https://ir.example.invalid/", null)));
        Assert.False(PublicAddress.IsHttps(Settings(null, "http://127.0.0.1:5080")));
        Assert.True(PublicAddress.IsLoopbackFallback(Settings(null, "http://127.0.0.1:0")));
        Assert.False(PublicAddress.IsLoopbackFallback(Settings(null, "http://10.0.0.1:8080")));
        Assert.False(PublicAddress.IsLoopbackFallback(Settings("http://127.0.0.1:5080/", null)));
    }

    [Fact]
    public void Without_a_public_base_url_the_address_actually_bound_wins_and_a_wildcard_one_does_not()
    {
        Assert.Equal(new Uri("http://127.0.0.1:41234/"), PublicAddress.Resolve(Settings(null, "http://127.0.0.1:0"), ["http://127.0.0.1:41234"]));
        Assert.Equal(new Uri("https://ir.example.invalid/"), PublicAddress.Resolve(Settings("https://ir.example.invalid", "http://127.0.0.1:0"), ["http://127.0.0.1:41234"]));
        Assert.Equal(new Uri("http://127.0.0.1:5080/"), PublicAddress.Resolve(Settings(null, "http://127.0.0.1:5080"), ["http://0.0.0.0:8080"]));
    }
}
