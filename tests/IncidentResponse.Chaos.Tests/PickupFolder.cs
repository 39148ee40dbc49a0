using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace IncidentResponse.Chaos.Tests;

/// <summary>One message the Host wrote to its mail pickup folder.</summary>
internal sealed record PickedUpMail(string File, Guid NotificationId, string IncidentNumber, DateTimeOffset WrittenAt);

/// <summary>
/// The Host's mail pickup folder (<c>&lt;data&gt;/mail-pickup</c>): every notice it wrote, read from the
/// <c>X-IR-Notification-Id</c> and <c>X-IR-Incident</c> headers; the time is the one the Host put in the
/// file name (UTC, milliseconds), the moment it wrote the message.
/// </summary>
internal sealed partial class PickupFolder(string directory)
{
    private readonly Dictionary<string, PickedUpMail?> _read = [];

    public IReadOnlyList<PickedUpMail> Read()
    {
        if (Directory.Exists(directory))
        {
            foreach (var file in Directory.EnumerateFiles(directory, "*.eml"))
            {
                var name = Path.GetFileName(file);
                if (!name.StartsWith('.') && !_read.ContainsKey(name))
                {
                    _read[name] = Parse(file, name);
                }
            }
        }

        return [.. _read.Values.OfType<PickedUpMail>()];
    }

    private static PickedUpMail? Parse(string file, string name)
    {
        var stamp = name.Split('-')[0];
        if (!DateTimeOffset.TryParseExact(stamp, "yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var writtenAt))
        {
            return null;
        }

        var buffer = new byte[16384];
        int length;
        using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }

        var head = Encoding.UTF8.GetString(buffer, 0, length);
        var id = NotificationHeader().Match(head);
        var incident = IncidentHeader().Match(head);
        return id.Success && incident.Success && Guid.TryParse(id.Groups[1].Value, out var notificationId)
            ? new PickedUpMail(name, notificationId, incident.Groups[1].Value, writtenAt)
            : null;
    }

    [GeneratedRegex(@"^X-IR-Notification-Id:\s*(\S+)", RegexOptions.Multiline)]
    private static partial Regex NotificationHeader();

    [GeneratedRegex(@"^X-IR-Incident:\s*(\S+)", RegexOptions.Multiline)]
    private static partial Regex IncidentHeader();
}
