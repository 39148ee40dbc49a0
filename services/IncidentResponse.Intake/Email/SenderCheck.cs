using MimeKit;

namespace IncidentResponse.Intake.Email;

/// <summary>
/// Whether a mail may speak for itself or waits for an operator: anyone can write any From address, so a
/// report from a sender the mailbox does not know, or whose SPF, DKIM or DMARC check failed at our own
/// receiving server, is held (stored, not triaged, nobody engaged) until someone confirms it.
/// </summary>
public static class SenderCheck
{
    /// <summary>Why the mail is held, in Vietnamese then English; null when it flows as usual.</summary>
    public static string? HoldReason(MimeMessage message, EmailIntakeOptions options)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(options);
        var address = message.From.Mailboxes.FirstOrDefault()?.Address?.Trim() ?? string.Empty;
        var results = AuthenticationResults.Read(
            message.Headers.Where(h => h.Id == HeaderId.AuthenticationResults).Select(h => h.Value), options.AuthServId);
        if (options.HoldFailedAuthentication && results.Failed.Count > 0)
        {
            var failed = string.Join(", ", results.Failed);
            return $"Xác thực thư không đạt ({failed}) / the mail failed authentication ({failed})";
        }

        if (!options.HoldUnknownSenders || IsKnown(address, options.KnownSenders) || (options.TrustAuthenticatedSenders && results.DmarcPassed))
        {
            return null;
        }

        return address.Length == 0
            ? "Thư không có người gửi / the mail has no sender"
            : $"Người gửi chưa có trong danh sách đã biết ({HeaderValue.Fit(address, 200)}) / sender not known ({HeaderValue.Fit(address, 200)})";
    }

    /// <summary>
    /// What a configuration lets through unchecked, for a warning at start; null when nothing. A known sender is let
    /// through on its From address alone, which anyone can write: only our receiving server's authentication results
    /// (<see cref="EmailIntakeOptions.AuthServId"/>) catch a forged one, and without them they are not read at all.
    /// </summary>
    public static string? Weakness(EmailIntakeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.HoldUnknownSenders && options.KnownSenders.Count > 0 && string.IsNullOrWhiteSpace(options.AuthServId)
            ? "Intake:Email:KnownSenders is set without Intake:Email:AuthServId: a mail forging a known sender's From address is triaged "
              + "and routed without being held. Set AuthServId to the authserv-id your receiving server writes in Authentication-Results."
            : null;
    }

    /// <summary>An address listed whole, or whose domain is listed as <c>@domain</c>; ignoring case.</summary>
    public static bool IsKnown(string address, IEnumerable<string> known)
    {
        ArgumentNullException.ThrowIfNull(known);
        var at = address?.LastIndexOf('@') ?? -1;
        if (address is null || at <= 0 || at == address.Length - 1)
        {
            return false;
        }

        var domain = address[at..];
        return known.Select(k => k.Trim()).Any(k =>
            string.Equals(k, address, StringComparison.OrdinalIgnoreCase) || (k.StartsWith('@') && string.Equals(k, domain, StringComparison.OrdinalIgnoreCase)));
    }
}
