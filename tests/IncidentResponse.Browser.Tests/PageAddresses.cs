using System.Collections.Concurrent;
using IncidentResponse.Testing;
using Microsoft.Playwright;

namespace IncidentResponse.Browser.Tests;

/// <summary>
/// Every address a page's main frame commits to, recorded from the moment this is created, so
/// waiting for a navigation that an action starts cannot miss it.
/// </summary>
/// <remarks>
/// Instead of <c>IPage.WaitForURLAsync</c>: its .NET client checks the page's state and then
/// subscribes to the events that change it, and an event delivered in between is lost
/// (microsoft/playwright-dotnet#3364). Full <c>./test.sh</c> runs met it as a 90 s timeout after a
/// sign-in, with the page fully loaded and the logs showing the browser done.
/// Whether the page finished loading is read from the page itself (<see cref="LoadedAsync"/>).
/// </remarks>
public sealed class PageAddresses : IDisposable
{
    private readonly IPage _page;
    private readonly ConcurrentQueue<string> _committed = new();

    public PageAddresses(IPage page)
    {
        _page = page;
        _page.FrameNavigated += OnFrameNavigated;
    }

    /// <summary>The first committed address that <paramref name="wanted"/> accepts.</summary>
    public async Task<string> WaitForAsync(Func<string, bool> wanted)
    {
        var address = await Eventually.MatchesAsync(
            () => Task.FromResult(_committed.FirstOrDefault(wanted)),
            found => found is not null,
            ChromiumBrowser.PageTimeout,
            "a page at the wanted address");
        return address!;
    }

    /// <summary>Waits until the page's current document has finished loading (its load event has run).</summary>
    public static async Task LoadedAsync(IPage page)
    {
        var until = TimeProvider.System.GetUtcNow() + ChromiumBrowser.PageTimeout;
        while (true)
        {
            try
            {
                await page.WaitForFunctionAsync("() => document.readyState === 'complete'");
                return;
            }
            catch (PlaywrightException) when (TimeProvider.System.GetUtcNow() < until)
            {
                // The page moved on while being asked (its context was replaced): ask the new document.
                await Task.Delay(50);
            }
        }
    }

    public void Dispose() => _page.FrameNavigated -= OnFrameNavigated;

    private void OnFrameNavigated(object? sender, IFrame frame)
    {
        if (frame == _page.MainFrame)
        {
            _committed.Enqueue(frame.Url);
        }
    }
}
