using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace OrleansGan.Live;

/// <summary>
/// <c>GET /games/{id}</c>: one game's state, round counter, latest figures, field picture (2-D data) or digits
/// (images), curves and latest samples, updated by the server-sent events of <see cref="GameEvents"/>. The pictures
/// are redrawn on the server from the game's records: the curves at most every two seconds, the field, digits and
/// samples at each new evaluation.
/// </summary>
internal static class GamePage
{
    public static async Task<IResult> ServeAsync(string id, IGrainFactory grains)
    {
        var (game, refusal) = await LiveGames.FindAsync(grains, id);
        if (game is null)
        {
            return refusal!;
        }

        var path = "/games/" + Uri.EscapeDataString(id);
        var body = $"""
            <p><a href="/games">all games</a></p>
            <h1>{WebUtility.HtmlEncode(id)}</h1>
            <table>
            <tr><th>state</th><td id="state">-</td></tr>
            <tr><th>round</th><td class="n" id="round">-</td></tr>
            <tr><th>J_D / J_G</th><td class="n" id="losses">-</td></tr>
            <tr><th>D(x) / D(G(z))</th><td class="n" id="scores">-</td></tr>
            <tr><th>latest evaluation</th><td id="evaluation">-</td></tr>
            <tr><th>elapsed</th><td class="n" id="elapsed">-</td></tr>
            </table>
            <p id="error"></p>
            <div class="pictures">
            <img id="field" data-file="field.png" alt="the latest evaluation's field: D's heatmap, the gradient message as arrows, the manifold, per-mode bars" hidden>
            <img id="digits" data-file="digits.png" alt="the latest evaluation's digits" hidden>
            <img id="curves" data-file="curves.png" alt="curves" src="{path}/curves.png">
            <img id="samples" data-file="samples.png" alt="latest samples" hidden>
            </div>
            """;
        var script = $$"""
            <script>
            const base = {{JsonSerializer.Serialize(path)}};
            const $ = id => document.getElementById(id);
            const fixed = (v, d) => v === null || v === undefined ? "-" : v.toFixed(d);
            let evaluations = -1, curvesAt = 0, pending = null;
            // A new picture is loaded aside and shown once whole, so the page never shows a half-loaded one.
            function swap(img, url) { const next = new Image(); next.onload = () => { img.src = url; img.hidden = false; }; next.src = url; }
            function redrawCurves(round) {
              const now = Date.now();
              clearTimeout(pending);
              if (now - curvesAt < 2000) { pending = setTimeout(() => redrawCurves(round), 2000 - (now - curvesAt)); return; }
              curvesAt = now;
              swap($("curves"), base + "/curves.png?round=" + round);
            }
            function show(p) {
              $("state").textContent = p.state; $("state").className = p.state;
              $("round").textContent = p.round + " / " + p.totalRounds;
              $("elapsed").textContent = fixed(p.elapsedSeconds, 1) + " s";
              if (p.latestRound) {
                $("losses").textContent = fixed(p.latestRound.discriminatorLoss, 4) + " / " + fixed(p.latestRound.generatorLoss, 4);
                $("scores").textContent = fixed(p.latestRound.meanRealScore, 3) + " / " + fixed(p.latestRound.meanFakeScore, 3);
              }
              const e = p.latestEvaluation;
              if (e) {
                $("evaluation").textContent = "round " + e.round + ": " + e.modesCovered + "/" + e.modeCount + " modes, " +
                  (100 * e.highQualityFraction).toFixed(1) + "% high quality" + (e.reverseKl !== null ? ", reverse KL " + e.reverseKl.toFixed(3) : "");
              }
              $("error").textContent = p.error || "";
              if (p.evaluations !== evaluations) {
                evaluations = p.evaluations;
                if (e && e.field) swap($("field"), base + "/field.png?evaluation=" + evaluations);
                if (e && e.digits) swap($("digits"), base + "/digits.png?evaluation=" + evaluations);
                if (e && e.modeCount > 0 && e.frechetDistance === null) swap($("samples"), base + "/samples.png?evaluation=" + evaluations);
              }
              redrawCurves(p.round);
            }
            const events = new EventSource(base + "/events");
            events.addEventListener("progress", m => show(JSON.parse(m.data)));
            events.addEventListener("over", m => { events.close(); curvesAt = 0; show(JSON.parse(m.data)); });
            events.addEventListener("lost", m => { events.close(); $("error").textContent = JSON.parse(m.data); });
            </script>
            """;
        return Results.Content(LiveHtml.Page($"OrleansGan game {id}", body, script), "text/html; charset=utf-8");
    }
}
