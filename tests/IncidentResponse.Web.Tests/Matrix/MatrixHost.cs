namespace IncidentResponse.Web.Tests.Matrix;

/// <summary>
/// The console's test Host with the doors' rate limits off: the matrix knocks about 1,700 times from one address,
/// many with forged tokens, and asks who may pass, not how often (the limits have tests of their own).
/// </summary>
public sealed class MatrixHost : ConsoleHostFixture
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("RateLimits:Enabled", "false")];
}
