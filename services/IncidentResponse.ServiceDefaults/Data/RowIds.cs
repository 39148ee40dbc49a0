using MassTransit;

namespace IncidentResponse.ServiceDefaults.Data;

/// <summary>
/// The id of a new row: unique without a round trip, and increasing in the order the rows are made as PostgreSQL
/// (and SQLite's text) compare uuids, byte by byte from the first. <c>NewId.NextGuid()</c> is ordered for SQL
/// Server, which compares the last bytes first: on PostgreSQL its first bytes after the process's prefix are the
/// fast-changing end of the clock, so each new key landed on a random leaf of its primary-key index (and of every
/// index on a column that copies it, such as <c>incident_id</c>), splitting pages all over the tree and writing a
/// full page to the WAL at the first touch of each after a checkpoint. Keys made here go to the right-hand end.
/// </summary>
public static class RowIds
{
    public static Guid Next() => NewId.NextSequentialGuid();
}
