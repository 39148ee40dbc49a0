using System.Security.Cryptography;
using IncidentResponse.Intake.Reports;
using MimeKit;

namespace IncidentResponse.Intake.Email;

/// <summary>The files of a message, as rows kept with its report (content only up to the size limit).</summary>
public static class EmailAttachments
{
    public static List<ReportAttachment> Read(MimeMessage message, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var kept = new List<ReportAttachment>();
        foreach (var entity in message.Attachments)
        {
            using var content = new MemoryStream();
            string name;
            switch (entity)
            {
                case MessagePart attached:
                    if (attached.Message is null)
                    {
                        continue;
                    }

                    attached.Message.WriteTo(content, cancellationToken);
                    name = attached.ContentDisposition?.FileName ?? (attached.Message.Subject is { Length: > 0 } s ? s + ".eml" : "message.eml");
                    break;
                case MimePart part when part.Content is not null:
                    part.Content.DecodeTo(content, cancellationToken);
                    name = part.FileName ?? "attachment";
                    break;
                default:
                    continue;
            }

            var bytes = content.ToArray();
            kept.Add(new ReportAttachment
            {
                Id = Guid.NewGuid(),
                Position = kept.Count + 1,
                FileName = SafeName(name),
                ContentType = HeaderValue.Fit(entity.ContentType.MimeType, ReportAttachment.MaxContentType),
                Size = bytes.LongLength,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
                Content = bytes.LongLength <= maxBytes ? bytes : null,
            });
        }

        return kept;
    }

    /// <summary>A file name without a path or control characters, at most <see cref="ReportAttachment.MaxFileName"/> characters.</summary>
    public static string SafeName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var last = name.Replace('\\', '/').Split('/').Last();
        var clean = new string([.. last.Where(c => !char.IsControl(c))]).Trim();
        if (clean.Length == 0 || clean is "." or "..")
        {
            clean = "attachment";
        }

        return HeaderValue.Cut(clean, ReportAttachment.MaxFileName);
    }
}
