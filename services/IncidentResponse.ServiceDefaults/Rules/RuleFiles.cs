using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace IncidentResponse.ServiceDefaults.Rules;

/// <summary>Reads versioned YAML rule files strictly: an unknown key is an error, not a silent default.</summary>
public static class RuleFiles
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    public static T Read<T>(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        try
        {
            return Parse<T>(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} is empty");
        }
        catch (YamlException ex)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)} line {ex.Start.Line}: {ex.InnerException?.Message ?? ex.Message}", ex);
        }
    }

    public static T Parse<T>(string yaml) => Deserializer.Deserialize<T>(yaml);
}
