namespace IncidentResponse.Notifications.Channels;

/// <summary>Transport security towards the SMTP relay (mirrors MailKit's <c>SecureSocketOptions</c>).</summary>
public enum EmailSecurity
{
    None,
    StartTls,
    StartTlsWhenAvailable,
    SslOnConnect,
}
