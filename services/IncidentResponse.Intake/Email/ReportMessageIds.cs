namespace IncidentResponse.Intake.Email;

/// <summary>
/// The Message-ID of the e-mail a stored report came in, read back from its idempotency key (<see cref="EmailImporter"/> keys an
/// e-mailed report by <c>msgid:</c> and the Message-ID, with <c>#</c> and a hash after it when a mailer used one twice), for
/// <c>ReportReceived.MessageId</c>: what answers the report by mail is threaded under it. Null for any other channel or key.
/// </summary>
public static class ReportMessageIds
{
    public const string KeyPrefix = "msgid:";

    public static string? Of(string channel, string? idempotencyKey)
    {
        if (channel != MailboxIdentity.Channel || idempotencyKey is null || !idempotencyKey.StartsWith(KeyPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var id = idempotencyKey[KeyPrefix.Length..];
        // "<id>#<16 hex digits>": the second message under a reused Message-ID still answers to that id.
        var hash = id.LastIndexOf('#');
        if (hash > 0 && id.Length - hash - 1 == 16 && id[(hash + 1)..].All(char.IsAsciiHexDigitLower))
        {
            id = id[..hash];
        }

        return id.Length > 0 ? id : null;
    }
}
