using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IncidentResponse.Web.Console;

/// <summary>Base of every console page (set in <c>Pages/_ViewImports</c>): <c>@L("Bảng điều khiển", "Board")</c>.</summary>
public abstract class ConsolePage : Page
{
    /// <summary>The Vietnamese or the English text, by the reader's language (Vietnamese by default).</summary>
    public string L(string vi, string en) => Lang.Pick(ViewContext.HttpContext, vi, en);
}

/// <summary>Base of the layout and partial views (set in <c>Pages/Shared/_ViewImports</c>), with the same <c>L</c>.</summary>
public abstract class ConsoleRazorPage<TModel> : RazorPage<TModel>
{
    public string L(string vi, string en) => Lang.Pick(ViewContext.HttpContext, vi, en);
}

/// <summary>Base of console page models: the same <c>L</c> for messages set in handlers.</summary>
public abstract class ConsolePageModel : PageModel
{
    public string L(string vi, string en) => Lang.Pick(HttpContext, vi, en);
}
