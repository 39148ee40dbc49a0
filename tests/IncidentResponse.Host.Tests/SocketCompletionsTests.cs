using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Host.Tests;

/// <summary>
/// The Host turns inline socket completions on for itself unless the operator chose (<see cref="SocketCompletions"/>).
/// </summary>
public sealed class SocketCompletionsTests
{
    [Fact]
    public void Unset_it_is_turned_on()
    {
        var environment = new Dictionary<string, string>();

        var on = SocketCompletions.PreferInline(environment.GetValueOrDefault, (name, value) => environment[name] = value);

        Assert.True(on);
        Assert.Equal("1", environment[SocketCompletions.Variable]);
    }

    [Theory]
    [InlineData("0", false)]
    [InlineData("1", true)]
    [InlineData(" 1 ", false)] // the runtime compares the text exactly
    [InlineData("true", false)] // the runtime reads only "1"
    public void An_operators_value_is_kept_and_read_as_the_runtime_reads_it(string value, bool on)
    {
        var environment = new Dictionary<string, string> { [SocketCompletions.Variable] = value };

        Assert.Equal(on, SocketCompletions.PreferInline(environment.GetValueOrDefault, (name, v) => environment[name] = v));
        Assert.Equal(value, environment[SocketCompletions.Variable]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Kestrel_runs_requests_inline_exactly_when_socket_completions_are_inline(bool inline)
    {
        var builder = WebApplication.CreateSlimBuilder();

        SocketCompletions.ConfigureKestrel(builder.WebHost, inline);

        using var app = builder.Build();
        var transport = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<
            Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets.SocketTransportOptions>>().Value;
        Assert.Equal(inline, transport.UnsafePreferInlineScheduling);
    }
}
