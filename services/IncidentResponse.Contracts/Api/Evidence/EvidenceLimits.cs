using System.Globalization;

namespace IncidentResponse.Contracts.Api.Evidence;

/// <summary>The evidence register's limits, shared by the API and the console that uploads to it.</summary>
public static class EvidenceLimits
{
    /// <summary>No deployment may set <c>Triage:Evidence:MaxFileBytes</c> above this: a file is held in memory (one array) while it is hashed and stored.</summary>
    public const long CeilingBytes = 100L * 1024 * 1024;

    /// <summary>What a multipart form adds around the file (boundaries, headers, the text fields).</summary>
    public const long FormOverheadBytes = 64 * 1024;

    public const int MaxFileName = 255;

    public const int MaxContentType = 255;

    public const int MaxDescription = 2000;

    public const int MaxSource = 500;

    public const int MaxPerson = 200;

    public const int MaxNote = 2000;

    public static string Label(int number) => string.Create(CultureInfo.InvariantCulture, $"CC-{number}");
}
