namespace IncidentResponse.Web.Console;

/// <summary>
/// The idempotency keys the console's forms carry (a Guid in hex, made when the page was drawn): a value that is not
/// one — typed by hand, with line breaks or letters a header cannot carry — is dropped rather than sent as a header.
/// </summary>
public static class IdempotencyKeys
{
    public static string? OrNull(string? key) =>
        key is { Length: 32 } && key.All(char.IsAsciiHexDigit) ? key : null;
}
