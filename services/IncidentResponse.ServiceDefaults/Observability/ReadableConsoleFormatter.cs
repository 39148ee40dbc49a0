using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace IncidentResponse.ServiceDefaults.Observability;

/// <summary>
/// One line per entry. A warning caused by an exception (a broker or database that does not
/// answer) shows the chain of exception messages, not a stack trace; errors keep the stack.
/// </summary>
public sealed class ReadableConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "readable";

    public override void Write<TState>(in LogEntry<TState> logEntry, Microsoft.Extensions.Logging.IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        ArgumentNullException.ThrowIfNull(textWriter);
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }

        textWriter.Write(Level(logEntry.LogLevel));
        textWriter.Write(": ");
        textWriter.Write(logEntry.Category);
        textWriter.Write(": ");
        textWriter.Write(message.ReplaceLineEndings(" "));
        if (logEntry.Exception is { } exception)
        {
            if (logEntry.LogLevel >= LogLevel.Error)
            {
                textWriter.WriteLine();
                textWriter.Write(exception.ToString());
            }
            else
            {
                textWriter.Write(" (");
                textWriter.Write(Reasons(exception));
                textWriter.Write(')');
            }
        }

        textWriter.WriteLine();
    }

    internal static string Reasons(Exception exception)
    {
        var reasons = new List<string>();
        for (var current = exception; current is not null && reasons.Count < 5; current = current.InnerException)
        {
            if (!reasons.Contains(current.Message, StringComparer.Ordinal))
            {
                reasons.Add(current.Message);
            }
        }

        return string.Join(" <- ", reasons).ReplaceLineEndings(" ");
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
