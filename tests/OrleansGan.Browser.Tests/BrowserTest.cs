using System.Text.Json;
using PuppeteerSharp;

namespace OrleansGan.Browser.Tests;

/// <summary>A test with a scratch folder and a headless Chromium whose profile lives in it; both go when the test ends.</summary>
public abstract class BrowserTest(string name) : IAsyncLifetime
{
    /// <summary>How the pages' JSON (image states) is read.</summary>
    protected static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>The test's scratch folder.</summary>
    protected string Folder { get; } = Path.Combine(Path.GetTempPath(), $"orleansgan-browser-{name}-{Guid.NewGuid():N}");

    /// <summary>The browser, started before the test.</summary>
    protected IBrowser Browser { get; private set; } = null!;

    /// <summary>A new page that adds every console error and uncaught page error to <paramref name="problems"/>.</summary>
    protected async Task<IPage> NewWatchedPageAsync(List<string> problems)
    {
        var page = await Browser.NewPageAsync();
        page.Console += (_, e) =>
        {
            if (e.Message.Type == ConsoleType.Error)
            {
                problems.Add($"console: {e.Message.Text}");
            }
        };
        page.PageError += (_, e) => problems.Add($"page error: {e.Message}");
        return page;
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        Browser = await Chromium.LaunchAsync(Path.Combine(Folder, "profile"));
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
            await Browser.DisposeAsync();
        }

        Directory.Delete(Folder, recursive: true);
    }
}
