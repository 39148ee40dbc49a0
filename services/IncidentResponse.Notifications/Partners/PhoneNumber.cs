using PhoneNumbers;

namespace IncidentResponse.Notifications.Partners;

/// <summary>
/// Phone numbers of the directory (SMS, ZNS, voice) as one form, E.164 (<c>+84912345678</c>), parsed and checked with
/// libphonenumber: a national number (<c>0912 345 678</c>) is read as Vietnamese, other countries need their <c>+</c> code.
/// </summary>
public static class PhoneNumber
{
    public const string DefaultRegion = "VN";

    private static readonly PhoneNumberUtil Numbers = PhoneNumberUtil.GetInstance();

    /// <summary>The number in E.164, or null when it is not a valid phone number.</summary>
    public static string? ToE164(string? number)
    {
        if (string.IsNullOrWhiteSpace(number) || number.Length > 40)
        {
            return null;
        }

        try
        {
            var parsed = Numbers.Parse(number, DefaultRegion);
            return Numbers.IsValidNumber(parsed) ? Numbers.Format(parsed, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>The number in E.164, or the text as written when it is not a phone number (the caller rejects it).</summary>
    public static string Normalise(string number) => ToE164(number) ?? number;

    /// <summary>Why a phone number is refused, in Vietnamese and English.</summary>
    public static string Problem(string number) =>
        $"số điện thoại '{number}' không hợp lệ (ví dụ 0912 345 678 hoặc +84 912 345 678) / phone number '{number}' is not valid (e.g. 0912 345 678 or +84 912 345 678)";
}
