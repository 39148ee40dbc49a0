using IncidentResponse.Notifications.Configuration;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Notifications.Tests.Support;

/// <summary>The directory, routing and disclosure files the Notifications service ships, read the way the Host reads them.</summary>
public static class ShippedNotificationRules
{
    public static string Directory { get; } = Find();

    private static readonly Lazy<NotificationRules> Loaded = new(() => Load(Directory));

    public static NotificationRules Rules => Loaded.Value;

    public static NotificationRules Load(string directory) => new(Options.Create(new NotificationsOptions { RulesDirectory = directory }));

    /// <summary>A copy of the shipped files in a fresh directory, with one file's text changed by <paramref name="change"/>.</summary>
    public static string CopyWith(string fileName, Func<string, string> change)
    {
        var target = Path.Combine(Path.GetTempPath(), "ir-rules-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(target);
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*.yaml"))
        {
            var text = File.ReadAllText(file);
            File.WriteAllText(Path.Combine(target, Path.GetFileName(file)), Path.GetFileName(file) == fileName ? change(text) : text);
        }

        return target;
    }

    private static string Find()
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "Rules");
        if (File.Exists(Path.Combine(copied, "routing-2026.1.yaml")))
        {
            return copied;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IncidentResponse.sln")))
            {
                return Path.Combine(dir.FullName, "services", "IncidentResponse.Notifications", "Rules");
            }
        }

        throw new DirectoryNotFoundException($"no Rules folder beside {AppContext.BaseDirectory} and no IncidentResponse.sln above it");
    }
}
