using System.Net.Sockets;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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

    [Theory]
    [InlineData(false, PostgresErrorCodes.UndefinedColumn, StatusCodes.Status503ServiceUnavailable)]
    [InlineData(false, PostgresErrorCodes.UndefinedTable, StatusCodes.Status503ServiceUnavailable)]
    [InlineData(true, PostgresErrorCodes.UndefinedColumn, StatusCodes.Status500InternalServerError)]
    [InlineData(false, PostgresErrorCodes.UniqueViolation, StatusCodes.Status500InternalServerError)]
    public async Task A_table_or_column_missing_before_the_databases_are_migrated_is_a_503_and_anything_else_a_500(bool ready, string sqlState, int expected)
    {
        // What a request saw while the Host was starting: the API key looked up before its column was migrated.
        var status = new DatabaseStatus();
        if (ready)
        {
            status.ReportAllReady();
        }

        var failure = new PostgresException("column a.expires_at does not exist", "ERROR", "ERROR", sqlState);
        var http = await HandleAsync(new InvalidOperationException("An exception occurred while iterating over the results of a query.", failure), status: status);

        Assert.Equal(expected, http.Response.StatusCode);
    }

    [Theory]
    [InlineData("SELECT expires_at FROM api_keys", false, StatusCodes.Status503ServiceUnavailable)] // no such table
    [InlineData("SELECT expires_at FROM old_keys", false, StatusCodes.Status503ServiceUnavailable)] // no such column
    [InlineData("INSERT INTO old_keys (id, expires_at) VALUES (1, 2)", false, StatusCodes.Status503ServiceUnavailable)] // has no column named
    [InlineData("SELECT expires_at FROM old_keys", true, StatusCodes.Status500InternalServerError)]
    public async Task A_SQLite_table_or_column_missing_before_the_databases_are_migrated_is_a_503(string sql, bool ready, int expected)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE old_keys (id INTEGER PRIMARY KEY)";
            await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var missing = await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        var status = new DatabaseStatus();
        if (ready)
        {
            status.ReportAllReady();
        }

        var http = await HandleAsync(missing, status: status);

        Assert.Equal(expected, http.Response.StatusCode);
    }

    [Fact]
    public async Task Any_other_failure_is_still_a_500()
    {
        var http = await HandleAsync(new InvalidOperationException("a bug"));

        Assert.Equal(StatusCodes.Status500InternalServerError, http.Response.StatusCode);
        Assert.Empty(http.Response.Headers.RetryAfter.ToString());
    }

    [Fact]
    public async Task A_500_is_logged_with_the_route_pattern_and_not_the_path_that_carries_a_token()
    {
        var log = new LogRecorder();

        var http = await HandleAsync(new InvalidOperationException("a bug"), log, path: "/ack/secret-token-123");

        var entry = Assert.Single(log.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Contains("POST /ack/{token} with 500", entry.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token-123", entry.Text, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(entry.Exception);
        Assert.Equal(StatusCodes.Status500InternalServerError, http.Response.StatusCode);
    }

    private static async Task<DefaultHttpContext> HandleAsync(Exception exception, LogRecorder? log = null, string path = "/", DatabaseStatus? status = null)
    {
        var collection = new ServiceCollection().AddLogging(b => { if (log is not null) { b.AddProvider(log); } }).AddProblemDetails();
        if (status is not null)
        {
            collection.AddSingleton(status);
        }

        await using var services = collection.BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.Method = "POST";
        http.Request.Path = path;
        http.SetEndpoint(new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse("/ack/{token}"), 0, EndpointMetadataCollection.Empty, "ack"));
        http.Response.Body = new MemoryStream();
        var handler = new ProblemExceptionHandler(services.GetRequiredService<IProblemDetailsService>(), services.GetRequiredService<ILogger<ProblemExceptionHandler>>());
        Assert.True(await handler.TryHandleAsync(http, exception, TestContext.Current.CancellationToken));
        return http;
    }
}

/// <summary>Keeps what was logged, with its level and exception.</summary>
internal sealed class LogRecorder : ILoggerProvider
{
    public List<(LogLevel Level, string Text, Exception? Exception)> Entries { get; } = [];

    public ILogger CreateLogger(string categoryName) => new Recorder(this);

    public void Dispose()
    {
    }

    private sealed class Recorder(LogRecorder owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Entries.Add((logLevel, formatter(state, exception), exception));
            }
        }
    }
}
