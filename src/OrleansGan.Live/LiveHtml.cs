using System.Net;

namespace OrleansGan.Live;

/// <summary>The frame every live page shares: one small style sheet, no external resources.</summary>
internal static class LiveHtml
{
    public static string Page(string title, string body, string script = "") => $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>{{WebUtility.HtmlEncode(title)}}</title>
        <link rel="icon" href="data:,">
        <style>
        body { font-family: sans-serif; margin: 1.5em; color: #222; }
        table { border-collapse: collapse; } td, th { padding: 0.25em 0.8em; border-bottom: 1px solid #ddd; text-align: left; }
        td.n { text-align: right; font-variant-numeric: tabular-nums; }
        .pictures { display: flex; flex-wrap: wrap; gap: 1em; align-items: flex-start; } .pictures img { max-width: 640px; border: 1px solid #ddd; } .pictures img#field { max-width: 960px; }
        #state.running { color: #1a7f37; } #state.failed, #state.diverged { color: #b00; }
        </style></head>
        <body>
        {{body}}
        {{script}}
        </body></html>
        """;
}
