using System.Net.Sockets;
using IncidentResponse.ServiceDefaults.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IncidentResponse.ServiceDefaults.Tests.Web;

/// <summary>A database that cannot be reached for now is a 503 with Retry-After, never a 500: nothing was stored, ask again.</summary>
public sealed class UnavailableDatabaseTests
{
    public static TheoryData<string> Unreachable => ["socket", "npgsql", "timeout"];

    [Theory]
    [MemberData(nameof(Unreachable))]
    public async Task A_database_that_cannot_be_reached_is_a_503_with_Retry_After(string kind)
    {
        Exception cause = kind switch
        {
            "socket" => new SocketException((int)SocketError.ConnectionRefused),
            "npgsql" => new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)),
            _ => new TimeoutException("The operation has timed out."),
        };

        var http = await HandleAsync(new DbUpdateException("An error occurred while saving the entity changes.", cause));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, http.Response.StatusCode);
        Assert.Equal("5", http.Response.Headers.RetryAfter.ToString());
    }

    [Fact]
    public async Task Any_other_failure_is_still_a_500()
    {
        var http = await HandleAsync(new InvalidOperationException("a bug"));

        Assert.Equal(StatusCodes.Status500InternalServerError, http.Response.StatusCode);
        Assert.Empty(http.Response.Headers.RetryAfter.ToString());
    }

    private static async Task<DefaultHttpContext> HandleAsync(Exception exception)
    {
        await using var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services };
        http.Response.Body = new MemoryStream();
        var handler = new ProblemExceptionHandler(services.GetRequiredService<IProblemDetailsService>());
        Assert.True(await handler.TryHandleAsync(http, exception, TestContext.Current.CancellationToken));
        return http;
    }
}
