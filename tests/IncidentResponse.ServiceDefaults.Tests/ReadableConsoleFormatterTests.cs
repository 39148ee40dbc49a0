using IncidentResponse.ServiceDefaults.Observability;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IncidentResponse.ServiceDefaults.Tests;

public sealed class ReadableConsoleFormatterTests
{
    private static readonly Exception Refused = new InvalidOperationException("Broker unreachable", new IOException("Connection refused"));

    [Fact]
    public void A_warning_shows_the_chain_of_reasons_on_one_line_without_a_stack()
    {
        var line = Format(LogLevel.Warning, "Connection failed", Refused);

        Assert.Equal("warn: MassTransit: Connection failed (Broker unreachable <- Connection refused)" + Environment.NewLine, line);
    }

    [Fact]
    public void An_error_keeps_the_exception_with_its_type()
    {
        var line = Format(LogLevel.Error, "Consumer faulted", Refused);

        Assert.StartsWith("fail: MassTransit: Consumer faulted" + Environment.NewLine + "System.InvalidOperationException: Broker unreachable", line, StringComparison.Ordinal);
    }

    private static string Format(LogLevel level, string message, Exception exception)
    {
        using var writer = new StringWriter();
        new ReadableConsoleFormatter().Write(
            new LogEntry<string>(level, "MassTransit", default, message, exception, (s, _) => s), null, writer);
        return writer.ToString();
    }
}
