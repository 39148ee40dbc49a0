using MimeKit;

namespace IncidentResponse.EndToEnd.Tests;

/// <summary>The mails a Host left in its pickup folder (none while the folder does not exist yet).</summary>
internal static class PickupMails
{
    /// <summary>Those whose <paramref name="header"/> is <paramref name="value"/>, or present at all when no value is given.</summary>
    public static List<MimeMessage> With(string pickup, string header, string? value = null) => !Directory.Exists(pickup) ? [] :
        [.. Directory.GetFiles(pickup, "*.eml").Select(f => MimeMessage.Load(f))
            .Where(m => value is null ? m.Headers[header] is not null : m.Headers[header] == value)];

    /// <summary>The mails that sent an issued document (<c>X-IR-Document-Id</c>).</summary>
    public static List<MimeMessage> OfDocument(string pickup, Guid documentId) => With(pickup, "X-IR-Document-Id", documentId.ToString("D"));
}
