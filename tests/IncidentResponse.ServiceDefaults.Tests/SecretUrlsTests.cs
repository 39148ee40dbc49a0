using IncidentResponse.ServiceDefaults.Security;

namespace IncidentResponse.ServiceDefaults.Tests;

public sealed class SecretUrlsTests
{
    [Theory]
    [InlineData("https://hooks.example.invalid/services/T0/B0/token", "https://hooks.example.invalid/…")]
    [InlineData("https://hooks.example.invalid/?token=abc", "https://hooks.example.invalid/…")]
    [InlineData("http://10.0.0.7:8080/hook#frag", "http://10.0.0.7:8080/…")]
    [InlineData("https://user:password@hooks.example.invalid/x", "https://hooks.example.invalid/…")]
    [InlineData("https://HOOKS.example.invalid", "https://hooks.example.invalid/…")]
    [InlineData("ftp://files.example.invalid/secret", "…")]
    [InlineData("not a url with a token", "…")]
    [InlineData("", "")]
    public void Only_the_scheme_host_and_port_remain(string address, string shown) => Assert.Equal(shown, SecretUrls.Mask(address));
}
