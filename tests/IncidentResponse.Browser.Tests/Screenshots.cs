using Microsoft.Playwright;

namespace IncidentResponse.Browser.Tests;

/// <summary>
/// Screenshots kept as test artefacts: <c>artifacts/screenshots/</c> at the repository's root (or
/// <c>IR_TEST_ARTIFACTS</c>), one PNG per page a scenario passes through.
/// </summary>
public static class Screenshots
{
    public static string Directory { get; } = Resolve("screenshots");

    /// <summary>The Hosts' logs of the browser tests, one file per test class: what a failure leaves to read.</summary>
    public static string LogDirectory { get; } = Resolve("logs");

    public static async Task<string> TakeAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var path = Path.Combine(Directory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    private static string Resolve(string kind)
    {
        var root = Environment.GetEnvironmentVariable("IR_TEST_ARTIFACTS");
        if (string.IsNullOrEmpty(root))
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "IncidentResponse.sln")))
            {
                dir = dir.Parent;
            }

            root = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "artifacts");
        }

        return System.IO.Directory.CreateDirectory(Path.Combine(root, kind)).FullName;
    }
}
