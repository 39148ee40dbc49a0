using IncidentResponse.Web.Console;

namespace IncidentResponse.Web.Pages.Board;

/// <summary>The board (placeholder of the shell; the live board replaces it).</summary>
public sealed class IndexModel : ConsolePageModel
{
}
