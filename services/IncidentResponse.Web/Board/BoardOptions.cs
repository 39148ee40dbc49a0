namespace IncidentResponse.Web.Board;

/// <summary>The live board: <c>Web:Board:*</c>.</summary>
public sealed class BoardOptions
{
    public const string Section = "Web:Board";

    /// <summary>A comment line on every open stream this often, so proxies and browsers keep it open.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How many open incidents the board shows (and so how many API calls one render makes, bounded).</summary>
    public int MaxIncidents { get; set; } = 25;

    /// <summary>How long one read of the board serves every viewer of this Host (review M5); zero: each viewer reads for itself.</summary>
    public TimeSpan ShareFor { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a page load waits for the maintenance windows in progress before it shows the board without them.</summary>
    public TimeSpan MaintenanceTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How many event streams one person may hold open at once (tabs, windows); one more is answered 429.</summary>
    public int MaxStreamsPerPerson { get; set; } = 5;

    /// <summary>How often an open stream re-checks its person's account; a disabled or locked account's stream ends.</summary>
    public TimeSpan Reauthorize { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long this Host keeps listening to the bus for board changes after its last stream closed (a page reload reconnects within it).</summary>
    public TimeSpan ListenAfterLastStream { get; set; } = TimeSpan.FromSeconds(30);
}
