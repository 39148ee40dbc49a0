using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace IncidentResponse.ServiceDefaults.Deployment;

/// <summary>
/// The deployment templates' placeholders (<c>infra/kubernetes/secrets/secrets.template.yaml</c>: <c>REPLACE-…</c>, also inside
/// a connection string or a broker address). A Host refuses to start, and <c>migrate</c> to run, while a setting still holds
/// one: a forgotten <c>Security__LinkSigningKey: REPLACE-link-signing-key-at-least-32-characters</c> is long enough to pass every
/// other check, and anyone who has read the template could then sign acknowledgement links (or use the bootstrap key).
/// </summary>
public static partial class Placeholders
{
    /// <summary>Whether <paramref name="value"/> holds a template placeholder (at its start, or after <c>=</c>, <c>:</c>, <c>/</c>, <c>@</c> or <c>;</c>).</summary>
    public static bool IsPlaceholder(string? value) => value is not null && Marker().IsMatch(value);

    /// <summary>The settings holding a placeholder, in environment-variable form (<c>Security__LinkSigningKey</c>), never their values.</summary>
    public static IReadOnlyList<string> SettingsHoldingOne(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return [.. configuration.AsEnumerable().Where(kv => IsPlaceholder(kv.Value)).Select(kv => kv.Key.Replace(":", "__", StringComparison.Ordinal))
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)];
    }

    [GeneratedRegex(@"(?:^|[=:/@;])\s*REPLACE-", RegexOptions.CultureInvariant)]
    private static partial Regex Marker();
}
