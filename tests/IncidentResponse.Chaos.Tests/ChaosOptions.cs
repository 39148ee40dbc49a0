using System.Globalization;

namespace IncidentResponse.Chaos.Tests;

/// <summary>
/// Sizes of the fault scenarios. The defaults keep each test to a few minutes on 2 cores; a longer soak
/// is run by hand with the variables, e.g. <c>IR_CHAOS_REPORTS=2000 IR_CHAOS_KILLS=20</c>.
/// </summary>
internal static class ChaosOptions
{
    /// <summary>Reports filed under SIGKILLs (embedded and RabbitMQ + PostgreSQL).</summary>
    public static int Reports => Number("IR_CHAOS_REPORTS", 150);

    /// <summary>Reports per second the careful client starts.</summary>
    public static double Rate => Number("IR_CHAOS_RATE", 5.0);

    /// <summary>SIGKILLs of the Host per run (at least 5, as the issue asks).</summary>
    public static int Kills => Number("IR_CHAOS_KILLS", 5);

    /// <summary>How long the audit waits for the pipeline to finish its work before it counts what is missing.</summary>
    public static TimeSpan Settle => TimeSpan.FromSeconds(Number("IR_CHAOS_SETTLE_SECONDS", 150));

    public static TimeSpan BrokerOutage => TimeSpan.FromSeconds(Number("IR_CHAOS_BROKER_OUTAGE_SECONDS", 30));

    /// <summary>Reports filed while a node of the three-node broker cluster is killed and restarted.</summary>
    public static int ClusterReports => Number("IR_CHAOS_CLUSTER_REPORTS", 60);

    /// <summary>How long the killed broker node stays down before it is started again.</summary>
    public static TimeSpan ClusterNodeDown => TimeSpan.FromSeconds(Number("IR_CHAOS_CLUSTER_NODE_DOWN_SECONDS", 10));

    /// <summary>How long PostgreSQL is stopped, or the routing tables stay locked, in the database scenarios.</summary>
    public static TimeSpan StallLock => TimeSpan.FromSeconds(Number("IR_CHAOS_LOCK_SECONDS", 60));

    /// <summary>Reports filed in each database scenario.</summary>
    public static int StallReports => Number("IR_CHAOS_LOCK_REPORTS", 60);

    /// <summary>How long routing is held up while incidents are closed (review T3: 20 s).</summary>
    public static TimeSpan CloseLock => TimeSpan.FromSeconds(Number("IR_CHAOS_CLOSE_LOCK_SECONDS", 20));

    public static int CloseReports => Number("IR_CHAOS_CLOSE_REPORTS", 16);

    /// <summary>The longest a restarted Host may take to send the first mail of an incident the kill interrupted.</summary>
    public static TimeSpan FirstMailLimit => TimeSpan.FromSeconds(Number("IR_CHAOS_FIRST_MAIL_LIMIT_SECONDS", 30));

    /// <summary>Seed of the kill moments and report contents; printed with the figures so a run can be repeated.</summary>
    public static int Seed { get; } = Number("IR_CHAOS_SEED", Random.Shared.Next(1, 1_000_000));

    private static int Number(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    private static double Number(string name, double fallback) =>
        double.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
