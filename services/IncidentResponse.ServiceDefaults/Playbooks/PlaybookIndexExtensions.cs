using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IncidentResponse.ServiceDefaults.Playbooks;

/// <summary>Registers the playbook index once per Host, read and validated while the Host is built.</summary>
public static class PlaybookIndexExtensions
{
    /// <summary>
    /// Reads <c>Web:PlaybooksDirectory</c> (the copies beside the Host by default) now, so a bad file stops
    /// start-up with the file and the reason; a second call (another role) reuses the first index.
    /// </summary>
    /// <exception cref="InvalidOperationException">The directory is missing or a playbook is invalid.</exception>
    public static PlaybookIndex AddPlaybookIndex(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Services.FirstOrDefault(d => d.ServiceType == typeof(PlaybookIndex))?.ImplementationInstance is PlaybookIndex existing)
        {
            return existing;
        }

        var directory = builder.Configuration[PlaybookIndex.DirectorySetting] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : PlaybookIndex.DefaultDirectory;
        PlaybookIndex index;
        try
        {
            index = PlaybookIndex.Load(directory);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            throw new InvalidOperationException($"playbooks in {directory}: {ex.Message}", ex);
        }

        builder.Services.AddSingleton(index);
        return index;
    }
}
