using IncidentResponse.Notifications.Channels;

namespace IncidentResponse.Notifications.Disclosure;

/// <summary>Cuts a notice down to what its TLP label allows on a channel for the notice's unit.</summary>
public static class Redaction
{
    public static Notice For(Notice notice, string channel, DisclosureFile policy)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(policy);
        return At(notice, policy.LevelFor(notice.Tlp, channel, notice.UnitCode));
    }

    /// <summary>The notice with only what <paramref name="level"/> lets through; <see cref="Notice.Withheld"/> says when details were cut.</summary>
    public static Notice At(Notice notice, DisclosureLevel level)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return level switch
        {
            DisclosureLevel.Full => notice,
            DisclosureLevel.Summary => notice with { AffectedSystem = null, OwnerAgency = null, Assignment = Withhold(notice.Assignment) },
            _ => notice with { Title = null, AffectedSystem = null, OwnerAgency = null, ReportedVia = null, Withheld = true, Assignment = Withhold(notice.Assignment) },
        };
    }

    /// <summary>
    /// A person's free text about the incident (a manual engagement's reason, in a notice or an engagement's detail) says what
    /// TLP holds back: only that there was some is kept.
    /// </summary>
    public static string? Withhold(string? text) => text is null ? null : string.Empty;
}
