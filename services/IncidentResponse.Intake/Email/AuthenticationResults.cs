namespace IncidentResponse.Intake.Email;

/// <summary>
/// What our own receiving server recorded in <c>Authentication-Results</c> (RFC 8601): the result of each
/// method (<c>spf</c>, <c>dkim</c>, <c>dmarc</c>) in the headers whose authserv-id is the configured one.
/// Any other such header was written by someone else (a sender, a relay on the way) and is ignored.
/// </summary>
public sealed record AuthenticationResults(IReadOnlyDictionary<string, IReadOnlyList<string>> Results)
{
    public static readonly string[] Methods = ["spf", "dkim", "dmarc"];

    /// <summary>Results that mean the check failed (RFC 8601 2.7: softfail, permerror too; neutral and none say nothing).</summary>
    private static readonly string[] Failures = ["fail", "softfail", "permerror"];

    public static AuthenticationResults None { get; } = new(new Dictionary<string, IReadOnlyList<string>>());

    /// <summary>Reads the headers with <paramref name="authServId"/> (ignoring case); none when it is not set.</summary>
    public static AuthenticationResults Read(IEnumerable<string> headerValues, string? authServId)
    {
        ArgumentNullException.ThrowIfNull(headerValues);
        if (string.IsNullOrWhiteSpace(authServId))
        {
            return None;
        }

        var results = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var value in headerValues)
        {
            var parts = Uncomment(value).Split(';', StringSplitOptions.TrimEntries);
            // The first part is the authserv-id, optionally followed by a version number.
            if (parts.Length == 0 || !string.Equals(parts[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(),
                    authServId.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var part in parts.Skip(1))
            {
                var first = part.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
                var equals = first?.IndexOf('=', StringComparison.Ordinal) ?? -1;
                if (equals <= 0)
                {
                    continue;
                }

                var method = first![..equals].Split('/')[0].ToLowerInvariant();
                var result = first[(equals + 1)..].ToLowerInvariant();
                if (Methods.Contains(method))
                {
                    if (!results.TryGetValue(method, out var list))
                    {
                        results[method] = list = [];
                    }

                    list.Add(result);
                }
            }
        }

        return new(results.ToDictionary(r => r.Key, r => (IReadOnlyList<string>)r.Value, StringComparer.Ordinal));
    }

    /// <summary>The methods that failed, e.g. <c>dkim=fail</c>; empty when none did.</summary>
    public IReadOnlyList<string> Failed => [.. Results.SelectMany(r => r.Value.Where(v => Failures.Contains(v)).Select(v => $"{r.Key}={v}")).Distinct()];

    /// <summary>True when our server recorded <c>dmarc=pass</c> and no failure.</summary>
    public bool DmarcPassed => Failed.Count == 0 && Results.TryGetValue("dmarc", out var dmarc) && dmarc.Contains("pass");

    /// <summary>Removes RFC 5322 comments (parenthesised, possibly nested) so they cannot carry a fake "dmarc=pass".</summary>
    private static string Uncomment(string value)
    {
        var text = new System.Text.StringBuilder(value.Length);
        var depth = 0;
        var quoted = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\\' && i + 1 < value.Length)
            {
                if (depth == 0)
                {
                    text.Append(c).Append(value[i + 1]);
                }

                i++;
                continue;
            }

            if (c == '"' && depth == 0)
            {
                quoted = !quoted;
            }
            else if (!quoted && c == '(')
            {
                depth++;
                continue;
            }
            else if (!quoted && c == ')' && depth > 0)
            {
                depth--;
                continue;
            }

            if (depth == 0)
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}
