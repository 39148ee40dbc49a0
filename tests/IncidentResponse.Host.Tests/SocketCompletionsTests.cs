using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Host.Tests;

/// <summary>
/// The Host leaves socket completions on the thread pool (the runtime's inline completions let a cancelled PostgreSQL
/// query stall a socket event thread, <see cref="SocketCompletions"/>) and runs requests on the thread that read them.
/// </summary>
public sealed class SocketCompletionsTests
{
    [Fact]
    public void Kestrel_runs_requests_on_the_thread_that_read_them()
    {
        var builder = WebApplication.CreateSlimBuilder();

        SocketCompletions.ConfigureKestrel(builder.WebHost);

        using var app = builder.Build();
        var transport = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<
            Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets.SocketTransportOptions>>().Value;
        Assert.True(transport.UnsafePreferInlineScheduling);
    }
}
