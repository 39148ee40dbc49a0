using System.Globalization;
using IncidentResponse.ServiceDefaults.Security;
using MimeKit;

namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// Writes a message into the pickup folder atomically: a hidden temporary file, then a rename. Once per
/// notification and sending round: a Host that died after writing the file and before recording it finds the
/// file when it tries again, and does not hand the same message to the pickup agent twice.
/// </summary>
internal static class MailPickup
{
    /// <summary>Pickup agents expect RFC 5322 line endings whatever the platform.</summary>
    private static readonly FormatOptions CrLf = CreateFormat();

    private static FormatOptions CreateFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
    }

    public static async Task<string> WriteAsync(MimeMessage message, string directory, Guid notificationId, int round, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Full notices and live acknowledgement links: the Host's user, and a pickup agent in its group, only.
        PrivateFiles.CreateFolder(directory, PrivateFiles.GroupReadableFolder);
        var suffix = round == 0 ? $"-{notificationId:N}.eml" : string.Create(CultureInfo.InvariantCulture, $"-{notificationId:N}-r{round}.eml");
        if (Directory.EnumerateFiles(directory, "*" + suffix).FirstOrDefault() is { } written)
        {
            return Path.GetFileName(written);
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"{now.UtcDateTime:yyyyMMdd'T'HHmmssfff'Z'}{suffix}");
        var final = Path.Combine(directory, name);
        var temporary = Path.Combine(directory, $".{name}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, PrivateFiles.Options(PrivateFiles.GroupReadableFile, useAsync: true)))
            {
                await message.WriteToAsync(CrLf, stream, cancellationToken);
                await stream.FlushAsync(cancellationToken);
            }

            File.Move(temporary, final, overwrite: true);
            return name;
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
