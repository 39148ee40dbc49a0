namespace IncidentResponse.Web.Board;

/// <summary>The live board: <c>Web:Board:*</c>.</summary>
public sealed class BoardOptions
{
    public const string Section = "Web:Board";

    /// <summary>A comment line on every open stream this often, so proxies and browsers keep it open.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How many open incidents the board shows (and so how many API calls one render makes, bounded).</summary>
    public int MaxIncidents { get; set; } = 25;
}
