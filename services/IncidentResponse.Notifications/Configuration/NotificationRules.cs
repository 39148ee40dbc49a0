using IncidentResponse.Notifications.Disclosure;
using IncidentResponse.Notifications.Partners;
using IncidentResponse.Notifications.Routing;
using IncidentResponse.ServiceDefaults.Rules;
using IncidentResponse.ServiceDefaults.Security;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Notifications.Configuration;

/// <summary>A rule file as read: its kind, name and text (kept on record) and its meaning.</summary>
public sealed record NotificationRuleFile<T>(string Kind, string FileName, string Text, string Version, DateTimeOffset EffectiveFrom, T Content);

/// <summary>
/// Every version of the directory, the routing rules and the TLP disclosure policy, read from the
/// rules directory at start and validated together (routing may only name units the directory has).
/// </summary>
public sealed class NotificationRules
{
    public NotificationRules(IOptions<NotificationsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = options.Value.RulesDirectory;
        if (!System.IO.Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Notifications:RulesDirectory {directory} does not exist");
        }

        Directories = Load<DirectoryFile>(directory, "directory", f => f.Version, f => f.EffectiveFromTime);
        Routings = Load<RoutingFile>(directory, "routing", f => f.Version, f => f.EffectiveFromTime);
        Disclosures = Load<DisclosureFile>(directory, "tlp-disclosure", f => f.Version, f => f.EffectiveFromTime);
        if (Directories.Count == 0 || Routings.Count == 0 || Disclosures.Count == 0)
        {
            throw new InvalidDataException($"{directory} needs directory-*.yaml, routing-*.yaml and tlp-disclosure-*.yaml");
        }

        foreach (var file in Directories)
        {
            file.Content.Validate();
            var plain = file.Content.Webhooks().Select(w => PlainHttpWebhooks.Problem(w.Address, options.Value.PlainHttpWebhookHosts) is { } problem ? $"{w.Owner}: {problem}" : null)
                .OfType<string>().ToList();
            if (plain.Count > 0)
            {
                throw new InvalidDataException($"{file.FileName}: {string.Join("; ", plain)}");
            }
        }

        var allCodes = Directories.SelectMany(d => d.Content.Units).Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var file in Routings)
        {
            file.Content.Validate(allCodes);
        }

        foreach (var file in Disclosures)
        {
            file.Content.Validate();
        }
    }

    public IReadOnlyList<NotificationRuleFile<DirectoryFile>> Directories { get; }

    public IReadOnlyList<NotificationRuleFile<RoutingFile>> Routings { get; }

    public IReadOnlyList<NotificationRuleFile<DisclosureFile>> Disclosures { get; }

    public IEnumerable<(string Kind, string Version, string FileName, string Text)> AllFiles =>
        Directories.Select(f => (f.Kind, f.Version, f.FileName, f.Text))
            .Concat(Routings.Select(f => (f.Kind, f.Version, f.FileName, f.Text)))
            .Concat(Disclosures.Select(f => (f.Kind, f.Version, f.FileName, f.Text)));

    public NotificationRuleFile<DirectoryFile> DirectoryAt(DateTimeOffset at) => InForce(Directories, at, "directory");

    public NotificationRuleFile<RoutingFile> RoutingAt(DateTimeOffset at) => InForce(Routings, at, "routing");

    public DisclosureFile DisclosureAt(DateTimeOffset at) => InForce(Disclosures, at, "tlp-disclosure").Content;

    private static NotificationRuleFile<T> InForce<T>(IReadOnlyList<NotificationRuleFile<T>> files, DateTimeOffset at, string kind) =>
        files.LastOrDefault(f => f.EffectiveFrom <= at) ?? throw new InvalidOperationException($"no {kind} version in force at {at:O}");

    private static List<NotificationRuleFile<T>> Load<T>(string directory, string kind, Func<T, string> version, Func<T, DateTimeOffset> effective)
    {
        var files = System.IO.Directory.EnumerateFiles(directory, kind + "-*.yaml").Order(StringComparer.Ordinal)
            .Select(path =>
            {
                var content = RuleFiles.Read<T>(path);
                return new NotificationRuleFile<T>(kind, Path.GetFileName(path), File.ReadAllText(path), version(content), effective(content), content);
            })
            .OrderBy(f => f.EffectiveFrom)
            .ToList();
        if (files.GroupBy(f => f.Version).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new InvalidDataException($"{kind} version {twice.Key} is in more than one file");
        }

        return files;
    }
}
