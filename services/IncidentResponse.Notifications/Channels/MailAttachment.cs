namespace IncidentResponse.Notifications.Channels;

/// <summary>A file attached to an e-mail, as stored (never in the notice's JSON: it is loaded just before sending).</summary>
public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);
