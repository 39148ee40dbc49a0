namespace IncidentResponse.Notifications.Partners;

/// <summary>
/// Finds the directory unit behind a name people typed: the affected system's owner agency, its ISP. Names and
/// aliases of one directory version are compared with <see cref="NameKey"/> (case, diacritics and punctuation
/// do not matter).
/// </summary>
public sealed class UnitMatcher
{
    private readonly Dictionary<string, string> byName = new(StringComparer.Ordinal);
    /// <summary>Telecom units' names and aliases, keyed.</summary>
    private readonly List<(string Key, string Code)> telecoms = [];

    public UnitMatcher(DirectoryFile directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        foreach (var unit in directory.Units)
        {
            foreach (var name in new[] { unit.NameVi, unit.NameEn }.Concat(unit.Aliases))
            {
                var key = NameKey.Of(name);
                byName.TryAdd(key, unit.Code);
                if (unit.Kind == "telecom")
                {
                    telecoms.Add((key, unit.Code));
                }
            }
        }

        byName.Remove(string.Empty);
    }

    /// <summary>The unit whose name or alias is <paramref name="agency"/>; null when none is (the owner is then told by nobody).</summary>
    public string? Owner(string? agency) => byName.GetValueOrDefault(NameKey.Of(agency));

    /// <summary>
    /// The unit serving the ISP a report names: a key of the routing file's <c>isps</c>, or a telecom unit's name or
    /// alias, written in full or as the first words ("VNPT Bắc Giang", "Viettel – chi nhánh Bắc Ninh").
    /// </summary>
    public string? Isp(IReadOnlyDictionary<string, string> isps, string? isp)
    {
        ArgumentNullException.ThrowIfNull(isps);
        var key = NameKey.Of(isp);
        if (key.Length == 0)
        {
            return null;
        }

        var named = isps.Select(i => (Key: NameKey.Of(i.Key), Code: i.Value)).Concat(telecoms).Where(n => n.Key.Length > 0).ToList();
        return named.FirstOrDefault(n => n.Key == key).Code
            ?? named.Where(n => key.StartsWith(n.Key + " ", StringComparison.Ordinal)).OrderByDescending(n => n.Key.Length).Select(n => n.Code).FirstOrDefault();
    }
}
