using Microsoft.AspNetCore.Http;

namespace IncidentResponse.Web.Console;

/// <summary>The console's language: Vietnamese unless the <c>ir-lang</c> cookie says <c>en</c>.</summary>
public static class Lang
{
    public const string Cookie = "ir-lang";
    public const string Vietnamese = "vi";
    public const string English = "en";

    public static string Code(HttpContext context) =>
        context?.Request.Cookies[Cookie] == English ? English : Vietnamese;

    public static bool IsEnglish(HttpContext context) => Code(context) == English;

    /// <summary>The text in the current language: Vietnamese first, English second.</summary>
    public static string Pick(HttpContext context, string vi, string en) => IsEnglish(context) ? en : vi;
}
