using System.Text;
using IncidentResponse.ServiceDefaults.Data;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Triage.Timeline.Sealing;

/// <summary>
/// The checkpoint file: JSON lines, only ever appended to. Reading checks each line's signature (with the key
/// it names) and that it follows the line before (number and MAC), so a forged, changed, removed or reordered
/// line is reported and not trusted.
/// </summary>
public sealed class TimelineCheckpointLog
{
    private readonly TimelineKeyRing _keys;
    private readonly Lock _lock = new();
    private (long Length, DateTime Written, CheckpointHistory History)? _cached;

    public TimelineCheckpointLog(TimelineKeyRing keys, IOptions<TimelineCheckpointOptions> options, IOptions<DatabaseOptions> database)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(database);
        _keys = keys;
        FilePath = options.Value.FilePath(database.Value.DataDirectory);
    }

    public TimelineCheckpointLog(TimelineKeyRing keys, string filePath)
    {
        _keys = keys;
        FilePath = Path.GetFullPath(filePath);
    }

    public string FilePath { get; }

    public async Task<CheckpointHistory> ReadAsync(CancellationToken cancellationToken)
    {
        var file = new FileInfo(FilePath);
        if (!file.Exists)
        {
            return CheckpointHistory.Empty;
        }

        lock (_lock)
        {
            if (_cached is { } cached && cached.Length == file.Length && cached.Written == file.LastWriteTimeUtc)
            {
                return cached.History;
            }
        }

        string[] lines;
        try
        {
            await using var stream = new FileStream(FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            lines = (await reader.ReadToEndAsync(cancellationToken)).Split('\n');
        }
        catch (IOException e)
        {
            return CheckpointHistory.Unavailable($"the checkpoint file {FilePath} cannot be read: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            return CheckpointHistory.Unavailable($"the checkpoint file {FilePath} cannot be read: {e.Message}");
        }

        var history = Check(lines);
        lock (_lock)
        {
            _cached = (file.Length, file.LastWriteTimeUtc, history);
        }

        return history;
    }

    /// <summary>Appends a checkpoint after the last one of <paramref name="history"/>, signed with the current key.</summary>
    public async Task<TimelineCheckpoint> AppendAsync(CheckpointHistory history, DateTimeOffset at, IReadOnlyList<CheckpointHead> heads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(history);
        var last = history.Last;
        var checkpoint = new TimelineCheckpoint((last?.Sequence ?? 0) + 1, TimelineCheckpoint.Written(at), _keys.Current.Id, last?.Mac ?? TimelineCheckpoint.Genesis, heads)
            .SignWith(_keys.Current);
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        await using (var stream = new FileStream(FilePath, FileMode.Append, FileAccess.Write, FileShare.Read))
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(checkpoint.ToLine() + "\n"), cancellationToken);
            await stream.FlushAsync(cancellationToken);
            stream.Flush(flushToDisk: true);
        }

        return checkpoint;
    }

    private CheckpointHistory Check(string[] lines)
    {
        var good = new List<TimelineCheckpoint>();
        var problems = new List<string>();
        TimelineCheckpoint? previous = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            TimelineCheckpoint? checkpoint;
            try
            {
                checkpoint = TimelineCheckpoint.Parse(line);
            }
            catch (System.Text.Json.JsonException)
            {
                checkpoint = null;
            }

            if (checkpoint?.Mac is null || checkpoint.Heads is null)
            {
                problems.Add($"checkpoint file line {i + 1} is not a checkpoint");
                continue;
            }

            var key = _keys.Find(checkpoint.KeyId);
            if (key is null)
            {
                problems.Add($"checkpoint #{checkpoint.Sequence} (line {i + 1}) is signed with key {checkpoint.KeyId}, which this Host does not have");
                continue;
            }

            if (!string.Equals(checkpoint.ComputeMac(key.Secret), checkpoint.Mac, StringComparison.Ordinal))
            {
                problems.Add($"checkpoint #{checkpoint.Sequence} (line {i + 1}) has a bad signature: it was changed or forged");
                continue;
            }

            var expected = previous?.Mac ?? TimelineCheckpoint.Genesis;
            if (checkpoint.Sequence != (previous?.Sequence ?? 0) + 1 || !string.Equals(checkpoint.Previous, expected, StringComparison.Ordinal))
            {
                problems.Add($"checkpoint #{checkpoint.Sequence} (line {i + 1}) does not follow checkpoint #{previous?.Sequence ?? 0}: lines were removed or reordered");
            }

            good.Add(checkpoint);
            previous = checkpoint;
        }

        return new CheckpointHistory(good, problems);
    }
}
