using Microsoft.AspNetCore.Builder;

namespace IncidentResponse.Benchmarks.Startup;

/// <summary>The start-up baseline: a bare ASP.NET Core app answering <c>/</c>, nothing else.</summary>
public static class BareServer
{
    public const string Verb = "--bare-server";

    public static async Task<int> RunAsync(string[] args)
    {
        var app = WebApplication.CreateSlimBuilder(args).Build();
        app.MapGet("/", () => "ok");
        await app.RunAsync();
        return 0;
    }
}
