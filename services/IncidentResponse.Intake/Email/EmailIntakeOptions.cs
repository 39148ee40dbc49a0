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

    /// <summary>
    /// Hold a report whose sender is not in <see cref="KnownSenders"/> until an operator confirms it: it is
    /// stored, not triaged, and engages nobody (anyone can write any From address).
    /// </summary>
    public bool HoldUnknownSenders { get; set; } = true;

    /// <summary>
    /// The senders this mailbox knows: whole addresses (<c>soc@vnpt.example.vn</c>) or domains written
    /// <c>@vnpt.example.vn</c> (that domain only, not its subdomains). Compared ignoring case.
    /// </summary>
    public IReadOnlyList<string> KnownSenders { get; set; } = [];

    /// <summary>
    /// The authserv-id our own receiving server writes in <c>Authentication-Results</c>; only headers with
    /// it are believed (a sender can write any other). None: no such header is believed.
    /// </summary>
    public string? AuthServId { get; set; }

    /// <summary>
    /// A sender's reports that would flow (a known sender's, or any when senders are not held) beyond this many in the past
    /// hour are held for an operator instead: a forged or runaway sender cannot engage the Police and the ISPs at will
    /// (review H5). Held reports are stored; nothing is lost. 0: no limit.
    /// </summary>
    public int MaxReportsPerSenderPerHour { get; set; } = 20;

    /// <summary>Hold a report whose SPF, DKIM or DMARC check failed at our receiving server, known sender or not.</summary>
    public bool HoldFailedAuthentication { get; set; } = true;

    /// <summary>
    /// Let a sender who is not known through when our receiving server recorded <c>dmarc=pass</c> for it:
    /// anyone who owns a domain passes DMARC for it, so only for a mailbox whose address partners alone know.
    /// </summary>
    public bool TrustAuthenticatedSenders { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}
