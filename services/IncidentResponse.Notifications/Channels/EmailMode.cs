namespace IncidentResponse.Notifications.Channels;

/// <summary>How the e-mail channel hands messages over.</summary>
public enum EmailMode
{
    /// <summary>Write each message as an .eml file into a pickup folder (embedded deployment, no relay needed).</summary>
    Pickup,

    /// <summary>Submit to an SMTP relay over one reused connection.</summary>
    Smtp,
}
