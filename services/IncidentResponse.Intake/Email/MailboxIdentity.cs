namespace IncidentResponse.Intake.Email;

/// <summary>Who a mailbox's reports are filed by: one submitter per mailbox, so a Message-ID is its idempotency key.</summary>
public static class MailboxIdentity
{
    public const string Channel = Contracts.Vocabulary.ReportChannels.Email;

    public static string ActorId(EmailIntakeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return $"email:{options.UserName}@{options.Host}/{options.Mailbox}";
    }
}
