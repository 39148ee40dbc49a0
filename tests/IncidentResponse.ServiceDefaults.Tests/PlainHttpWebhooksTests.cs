using IncidentResponse.ServiceDefaults.Security;

namespace IncidentResponse.ServiceDefaults.Tests;

/// <summary>Webhooks go over https, or plain http only to this machine or a host an operator allowed (review M5b).</summary>
public sealed class PlainHttpWebhooksTests
{
    [Theory]
    [InlineData("https://hooks.example.gov.vn/ir/TOKEN")]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("http://[::1]:9000/hook")]
    [InlineData("http://Bridge.Internal/hook")]
    public void Https_this_machine_and_an_allowed_host_may_be_used(string address) =>
        Assert.Null(PlainHttpWebhooks.Problem(address, ["bridge.internal"]));

    [Fact]
    public void Plain_http_elsewhere_is_refused_naming_the_host_without_the_credential_in_the_path()
    {
        var problem = PlainHttpWebhooks.Problem("http://hooks.example.gov.vn/ir/SECRET-TOKEN?key=abc", ["bridge.internal"]);

        Assert.NotNull(problem);
        Assert.Contains("http://hooks.example.gov.vn/…", problem, StringComparison.Ordinal);
        Assert.Contains("Notifications:PlainHttpWebhookHosts", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET-TOKEN", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("abc", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://hooks.example.gov.vn/ir")]
    [InlineData("not a url")]
    public void Anything_but_http_s_is_refused(string address) =>
        Assert.Contains("is not an http(s) address", PlainHttpWebhooks.Problem(address, []), StringComparison.Ordinal);
}
