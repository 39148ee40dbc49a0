namespace IncidentResponse.Contracts.Vocabulary;

/// <summary>The six-level severity scale (NCISS-aligned) with its names and colours.</summary>
public static class SeverityLevels
{
    public sealed record Level(int Value, string NameVi, string NameEn, string Colour);

    public static IReadOnlyList<Level> All { get; } =
    [
        new(0, "Cơ sở", "Baseline", "#FFFFFF"),
        new(1, "Thấp", "Low", "#339900"),
        new(2, "Trung bình", "Medium", "#FCEE21"),
        new(3, "Cao", "High", "#FFC000"),
        new(4, "Nghiêm trọng cao", "Severe", "#CC0033"),
        new(5, "Khẩn cấp", "Emergency", "#000000"),
    ];

    public static Level Of(int value) => All[Math.Clamp(value, 0, 5)];
}
