using System.Text;
using IncidentResponse.Intake.Reports;
using IncidentResponse.ServiceDefaults.Web;
using Microsoft.AspNetCore.Http;

namespace IncidentResponse.Intake.Tests.Web;

/// <summary>Reading a report body: every failure is a problem naming the field, through the public <see cref="JsonBody"/> API.</summary>
public sealed class JsonBodyTests
{
    private static Task<JsonRead<ReportRequest>> ReadAsync(string body, string? contentType = "application/json")
    {
        var http = new DefaultHttpContext();
        http.Request.ContentType = contentType;
        http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        return http.Request.ReadJsonAsync<ReportRequest>();
    }

    private static (int Status, HttpValidationProblemDetails Details) Validation(IResult? problem)
    {
        Assert.NotNull(problem);
        var status = Assert.IsAssignableFrom<IStatusCodeHttpResult>(problem).StatusCode;
        var details = Assert.IsType<HttpValidationProblemDetails>(Assert.IsAssignableFrom<IValueHttpResult>(problem).Value);
        return (status ?? 0, details);
    }

    [Fact]
    public async Task A_report_body_is_read_with_its_bytes_kept()
    {
        const string body = """
            {"title":"DDoS vào Cổng","description":"Lưu lượng bất thường","classification":"availability:ddos","tlp":"AMBER",
             "detectedAt":"2026-11-25T10:00:00+07:00","affectedSystem":{"name":"Cổng","securityLevel":4,"ips":["203.0.113.10"]},
             "impact":{"serviceInterrupted":true,"ownerCanHandle":false},"observables":[{"type":"ip","value":"198.51.100.7"}]}
            """;

        var read = await ReadAsync(body, "application/json; charset=utf-8");

        Assert.Null(read.Problem);
        Assert.Equal(Encoding.UTF8.GetBytes(body), read.Raw);
        var request = Assert.IsType<ReportRequest>(read.Value);
        Assert.Equal(("DDoS vào Cổng", "availability:ddos", "2026-11-25T10:00:00+07:00"), (request.Title, request.Classification, request.DetectedAt));
        Assert.Equal(4, request.AffectedSystem?.SecurityLevel);
        Assert.Equal(["203.0.113.10"], request.AffectedSystem?.Ips);
        Assert.Equal((true, false), (request.Impact?.ServiceInterrupted, request.Impact?.OwnerCanHandle));
        Assert.Equal("198.51.100.7", Assert.Single(request.Observables!)?.Value);
    }

    [Theory]
    [InlineData("""{"title":"x","affectedSystem":{"securityLevel":"four"}}""", "affectedSystem.securityLevel")]
    [InlineData("""{"title":"x","affectedSystem":{"ips":["203.0.113.10",5]}}""", "affectedSystem.ips[1]")]
    [InlineData("""{"title":"x","impact":{"personalData":"yes"}}""", "impact.personalData")]
    [InlineData("""{"title":42}""", "title")]
    public async Task A_value_of_the_wrong_type_is_a_problem_naming_its_field(string body, string field)
    {
        var read = await ReadAsync(body);

        Assert.Null(read.Value);
        var (status, details) = Validation(read.Problem);
        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Equal([field], details.Errors.Keys);
        Assert.Contains("wrong type", Assert.Single(details.Errors[field]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    public async Task An_empty_body_is_a_problem_of_the_whole_request(string body)
    {
        var read = await ReadAsync(body);

        var (status, details) = Validation(read.Problem);
        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Equal(["$"], details.Errors.Keys);
    }

    [Theory]
    [InlineData("""{"title":"x",}""")]
    [InlineData("""{"title":"x" """)]
    [InlineData("not json")]
    public async Task Malformed_JSON_is_a_validation_problem(string body)
    {
        var read = await ReadAsync(body);

        Assert.Null(read.Value);
        var (status, details) = Validation(read.Problem);
        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Contains("malformed JSON", Assert.Single(Assert.Single(details.Errors).Value), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData(null)]
    public async Task A_body_that_is_not_JSON_is_unsupported(string? contentType)
    {
        var read = await ReadAsync("""{"title":"x"}""", contentType);

        Assert.Null(read.Value);
        Assert.NotNull(read.Problem);
        Assert.Equal(StatusCodes.Status415UnsupportedMediaType, Assert.IsAssignableFrom<IStatusCodeHttpResult>(read.Problem).StatusCode);
    }
}
