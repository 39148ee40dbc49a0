using System.Collections.Concurrent;
using IncidentResponse.Testing;
using Microsoft.Extensions.Logging;

namespace IncidentResponse.Host.Tests;

/// <summary>
/// A first start on an empty data directory is a normal event: the Host comes up ready without writing a
/// single error to its log (operators watch for those), also while load balancers poll it as it migrates.
/// </summary>
public sealed class FirstStartTests
{
    [Fact]
    public async Task A_first_start_on_an_empty_data_directory_logs_no_error()
    {
        using var data = new TempDirectory();
        var errors = new ErrorLog();
        var customization = new HostCustomization { ConfigureBuilder = builder => builder.Logging.AddProvider(errors) };

        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), customization: customization);

        Assert.True(errors.Entries.IsEmpty, string.Join("\n", errors.Entries));
    }

    /// <summary>Keeps every entry logged at Error or above, by any category.</summary>
    private sealed class ErrorLog : ILoggerProvider
    {
        public ConcurrentQueue<string> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(ErrorLog owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    owner.Entries.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception?.Message}");
                }
            }
        }
    }
}
