using MailKit.Security;

namespace IncidentResponse.Intake.Email;

/// <summary>The <c>Intake:Email</c> configuration section: the mailbox reports are read from.</summary>
public sealed class EmailIntakeOptions
{
    public const string Section = "Intake:Email";

    /// <summary>The IMAP server; no host = e-mail intake is off.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 993;

    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.SslOnConnect;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The folder reports arrive in.</summary>
    public string Mailbox { get; set; } = "INBOX";

    /// <summary>
    /// The keyword set on a message once its report is stored; messages with it are never read
    /// again. People reading the same mailbox can still use \Seen freely.
    /// </summary>
    public string ProcessedKeyword { get; set; } = "$IrImported";

    /// <summary>
    /// The keyword set on a message that could not be filed, not even its headers; it is not read
    /// again (remove the keyword to have it read again) and the messages after it are filed.
    /// </summary>
    public string NotFiledKeyword { get; set; } = "$IrNotFiled";

    /// <summary>How often to look for new mail when the server has no IDLE, and after an error.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long one IDLE lasts before it is renewed (servers drop it after 30 min).</summary>
    public TimeSpan IdleRefresh { get; set; } = TimeSpan.FromMinutes(9);

    /// <summary>Use IDLE when the server offers it.</summary>
    public bool UseIdle { get; set; } = true;

    /// <summary>TLP given to e-mailed reports (people rarely label mail); triage and operators can change it.</summary>
    public string Tlp { get; set; } = "AMBER";

    /// <summary>Messages larger than this are stored with their text only, attachments listed but not kept.</summary>
    public long MaxMessageBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>Attachments larger than this are listed but not kept.</summary>
    public long MaxAttachmentBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>At most this many messages are imported per pass (the rest in the next pass).</summary>
    public int BatchSize { get; set; } = 50;

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}
