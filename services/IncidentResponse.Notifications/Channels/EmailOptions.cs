namespace IncidentResponse.Notifications.Channels;

/// <summary>The <c>Notifications:Email</c> configuration section.</summary>
public sealed class EmailOptions
{
    public const string Section = "Notifications:Email";

    public EmailMode Mode { get; set; } = EmailMode.Pickup;

    /// <summary>Pickup folder; by default <c>&lt;Database:DataDirectory&gt;/mail-pickup</c>.</summary>
    public string? PickupDirectory { get; set; }

    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary>Sessions with the relay used at once, each reused for one message at a time; opened only as tries overlap.</summary>
    public int Connections { get; set; } = 8;

    /// <summary>
    /// TLS is required by default (<c>StartTls</c>, or <c>SslOnConnect</c> on port 465); <c>None</c> or
    /// <c>StartTlsWhenAvailable</c> relax it for a relay on the same machine or network. A user name and
    /// password are never sent over a connection that is not encrypted, whatever this says.
    /// </summary>
    public EmailSecurity Security { get; set; } = EmailSecurity.StartTls;

    /// <summary>The relay is authenticated only when a user name is set, and only over TLS.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string FromAddress { get; set; } = "ir@example.invalid";

    /// <summary>The sender's name; empty: the committee's name (<c>Committee:NameVi</c>), so it is spelled in one place.</summary>
    public string? FromName { get; set; }

    /// <summary>MailKit's own time-out for one SMTP command; the sender's per-try time-out usually ends a try first.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
