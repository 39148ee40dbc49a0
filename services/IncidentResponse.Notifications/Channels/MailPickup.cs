using System.Globalization;
using MimeKit;

namespace IncidentResponse.Notifications.Channels;

/// <summary>Writes a message into the pickup folder atomically: a hidden temporary file, then a rename.</summary>
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

    public static async Task<string> WriteAsync(MimeMessage message, string directory, Guid notificationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var name = string.Create(CultureInfo.InvariantCulture, $"{now.UtcDateTime:yyyyMMdd'T'HHmmssfff'Z'}-{notificationId:N}.eml");
        var final = Path.Combine(directory, name);
        var temporary = Path.Combine(directory, $".{name}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 16384, useAsync: true))
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
