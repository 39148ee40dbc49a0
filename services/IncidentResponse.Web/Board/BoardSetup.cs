using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IncidentResponse.Web.Board;

public static class BoardSetup
{
    /// <summary>The live board's services: its options and this Host's broadcaster.</summary>
    public static IHostApplicationBuilder AddBoard(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<BoardOptions>().BindConfiguration(BoardOptions.Section);
        builder.Services.AddSingleton<BoardBroadcaster>();
        return builder;
    }
}
