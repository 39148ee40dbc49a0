using System.Net;
using IncidentResponse.Testing;

namespace IncidentResponse.Host.Tests;

/// <summary>
/// A page number so large that the rows to skip overflow answered 500 on the lists paged by number (review L, input
/// handling); now each list answers a problem naming the field at fault, as the incident register does.
/// </summary>
public sealed class PagingProblemTests
{
    private const string Key = "paging-problem-coordinator-key-0123456789";

    [Theory]
    [InlineData("/api/v1/audit?page=2147483647&pageSize=200", "page")]
    [InlineData("/api/v1/deliveries?page=2147483647&pageSize=200", "page")]
    [InlineData("/api/v1/portal/incidents?unit=vnpt-bn&page=2147483647&pageSize=100", "page")]
    [InlineData("/api/v1/audit?page=0", "page")]
    [InlineData("/api/v1/deliveries?pageSize=0", "pageSize")]
    [InlineData("/api/v1/portal/incidents?unit=vnpt-bn&pageSize=100000", "pageSize")]
    public async Task An_impossible_page_is_a_problem_naming_the_field_not_a_500(string path, string field)
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: new Dictionary<string, string> { ["Bootstrap:ApiKey"] = Key });
        var api = new ApiClient(host.Http, Key);

        using var answer = await api.SendAsync(HttpMethod.Get, path);
        var problem = await ApiClient.ReadJsonAsync(answer);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }

    [Fact]
    public async Task The_last_possible_page_is_an_empty_page()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: new Dictionary<string, string> { ["Bootstrap:ApiKey"] = Key });
        var api = new ApiClient(host.Http, Key);

        var page = await api.GetJsonAsync($"/api/v1/deliveries?page={int.MaxValue / 200}&pageSize=200");

        Assert.Equal(0, page.GetProperty("items").GetArrayLength());
    }
}
