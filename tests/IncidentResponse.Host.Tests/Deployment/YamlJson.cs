using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace IncidentResponse.Host.Tests.Deployment;

/// <summary>
/// YAML documents as the JSON Kubernetes reads from them. kubectl parses YAML 1.1 (go-yaml): a plain
/// <c>yes</c>, <c>off</c> or <c>0440</c> is a boolean or an octal number there, so it is here too, and a
/// field that wants a string then fails its schema instead of surprising someone at apply time.
/// </summary>
internal static partial class YamlJson
{
    /// <summary>Every non-empty document of a YAML text, in order.</summary>
    public static List<JsonNode> Documents(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return [.. stream.Documents.Select(d => d.RootNode).Where(n => n is not YamlScalarNode { Value: null or "" }).Select(Convert).OfType<JsonNode>()];
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value ?? "", Convert(kv.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(Convert)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new InvalidOperationException($"unexpected YAML node {node.GetType().Name} at {node.Start}"),
    };

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (Booleans.TryGetValue(text, out var boolean))
        {
            return JsonValue.Create(boolean);
        }

        if (Octal().IsMatch(text))
        {
            var digits = text.TrimStart('0', 'o');
            return JsonValue.Create(digits.Length == 0 ? 0L : System.Convert.ToInt64(digits, 8));
        }

        if (Integer().IsMatch(text))
        {
            return JsonValue.Create(long.Parse(text, CultureInfo.InvariantCulture));
        }

        if (Float().IsMatch(text))
        {
            return JsonValue.Create(double.Parse(text, CultureInfo.InvariantCulture));
        }

        return JsonValue.Create(text);
    }

    private static readonly Dictionary<string, bool> Booleans = new(StringComparer.Ordinal)
    {
        ["true"] = true, ["True"] = true, ["TRUE"] = true, ["yes"] = true, ["Yes"] = true, ["YES"] = true, ["on"] = true, ["On"] = true, ["ON"] = true,
        ["false"] = false, ["False"] = false, ["FALSE"] = false, ["no"] = false, ["No"] = false, ["NO"] = false, ["off"] = false, ["Off"] = false, ["OFF"] = false,
    };

    [GeneratedRegex("^(0o?[0-7]+)$")]
    private static partial Regex Octal();

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();
}
