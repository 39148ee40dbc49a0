using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace IncidentResponse.Browser.Tests;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>, or <c>IR_TEST_CHROMIUM</c>) started headless once per
/// test class through Playwright; Playwright never downloads a browser of its own here.
/// </summary>
public sealed class ChromiumBrowser : IAsyncLifetime
{
    private readonly ConcurrentQueue<string> _traffic = new();
    private IPlaywright? _playwright;

    /// <summary>Every error a page wrote to the browser's console (a failed resource, a script error).</summary>
    public ConcurrentQueue<string> ConsoleErrors { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var path = Environment.GetEnvironmentVariable("IR_TEST_CHROMIUM") is { Length: > 0 } set ? set : "/usr/bin/chromium";
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} not found: run `source infra/testenv/ensure-peers.sh` (installs Debian package chromium) or set IR_TEST_CHROMIUM");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = path,
            Headless = true,
            // As root (CI) Chromium's own sandbox cannot start.
            Args = Environment.UserName == "root" ? ["--no-sandbox"] : [],
        });
    }

    /// <summary>
    /// How long an action or a navigation may take. Playwright's 30 s default was exceeded once in a
    /// full `./test.sh` run: the Host's first pages compile on first use while MSBuild compiles other
    /// projects on the same two cores. A page that never loads still fails, later.
    /// </summary>
    public static readonly TimeSpan PageTimeout = TimeSpan.FromSeconds(90);

    /// <summary>A fresh browser profile (its own cookies) on a phone-sized or desktop screen, Vietnamese by default.</summary>
    public async Task<IBrowserContext> NewContextAsync(Uri baseAddress, bool phone = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1366, Height = 900 },
            IsMobile = phone,
            HasTouch = phone,
        });
        // What the browser saw, saved beside the Host's log: a step that times out shows its last answers.
        context.Response += (_, response) => Note($"{response.Status} {response.Request.Method} {response.Url}");
        context.Page += (_, page) =>
        {
            page.FrameNavigated += (_, frame) => Note($"navigated {(frame == page.MainFrame ? "page" : "frame")} {frame.Url}");
            page.Load += (_, loaded) => Note($"load {loaded.Url}");
        };
        context.RequestFailed += (_, request) => Note($"failed {request.Method} {request.Url}: {request.Failure}");
        context.Console += (_, message) =>
        {
            Note($"console {message.Type}: {message.Text}");
            if (message.Type == "error")
            {
                ConsoleErrors.Enqueue($"{message.Location}: {message.Text}");
            }
        };
        context.SetDefaultTimeout((float)PageTimeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)PageTimeout.TotalMilliseconds);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        File.WriteAllLines(Path.Combine(Screenshots.LogDirectory, $"browser-{TimeProvider.System.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.log"), _traffic);
    }

    private void Note(string line) =>
        _traffic.Enqueue($"{TimeProvider.System.GetUtcNow():HH:mm:ss.fff} {line}");
}
