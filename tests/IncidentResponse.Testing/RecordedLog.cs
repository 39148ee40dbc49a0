using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace IncidentResponse.Testing;

/// <summary>
/// A logger provider that keeps every entry at <paramref name="minimum"/> or above, by any category, with
/// the time it was written; tests assert on it or save it beside their artefacts when they fail.
/// </summary>
public sealed class RecordedLog(LogLevel minimum) : ILoggerProvider
{
    public ConcurrentQueue<string> Entries { get; } = new();

    public LogLevel Minimum { get; } = minimum;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>Writes the entries to <paramref name="path"/>, one per line, creating its directory.</summary>
    public void SaveTo(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllLines(path, Entries);
    }

    public void Dispose()
    {
    }

    private sealed class Logger(RecordedLog owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner.Minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                var time = TimeProvider.System.GetUtcNow().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
                owner.Entries.Enqueue($"{time} {logLevel} {category}: {formatter(state, exception)} {exception}".TrimEnd());
            }
        }
    }
}
