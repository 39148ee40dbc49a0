namespace IncidentResponse.Testing;

public static class TestNames
{
    /// <summary>A short lower-case name unique to this run, usable as database or virtual host name.</summary>
    public static string Unique(string prefix) =>
#pragma warning disable CA1308 // identifiers for PostgreSQL and RabbitMQ are lower-case
        $"{prefix.ToLowerInvariant()}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 60)];
#pragma warning restore CA1308
}
