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
    [InlineData(" 1 ", true)]
    [InlineData("true", false)] // the runtime reads only "1"
    public void An_operators_value_is_kept_and_read_as_the_runtime_reads_it(string value, bool on)
    {
        var environment = new Dictionary<string, string> { [SocketCompletions.Variable] = value };

        Assert.Equal(on, SocketCompletions.PreferInline(environment.GetValueOrDefault, (name, v) => environment[name] = v));
        Assert.Equal(value, environment[SocketCompletions.Variable]);
    }
}
