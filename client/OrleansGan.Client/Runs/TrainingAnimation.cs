using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.PixelFormats;

namespace OrleansGan.Client.Runs;

/// <summary>
/// The whole training as an animated GIF, one frame per chosen evaluation. SkiaSharp (which draws every picture here)
/// encodes no GIF, so the frames are drawn as PNGs and SixLabors.ImageSharp 2.1 (Apache-2.0; 3.x and later are under a
/// paid licence) encodes them, each with its own palette.
/// </summary>
internal static class TrainingAnimation
{
    /// <summary>Frames an animation holds at most unless told otherwise.</summary>
    public const int DefaultMaxFrames = 60;

    /// <summary>
    /// At most <paramref name="max"/> of <paramref name="count"/> indices, evenly spread, always the first and the last:
    /// the frames of an animation of that many evaluations.
    /// </summary>
    public static IReadOnlyList<int> Pick(int count, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        if (count <= max)
        {
            return Enumerable.Range(0, count).ToList();
        }

        if (max == 1)
        {
            return [count - 1];
        }

        return Enumerable.Range(0, max).Select(i => (int)Math.Round(i * (count - 1) / (double)(max - 1))).Distinct().ToList();
    }

    /// <summary>
    /// Encodes PNG frames (all of one size) as a looping GIF, each shown <paramref name="frameSeconds"/> and the last
    /// three times as long, so the end of the game can be read.
    /// </summary>
    public static void Save(string path, IReadOnlyList<byte[]> pngFrames, double frameSeconds = 0.4)
    {
        if (pngFrames.Count == 0)
        {
            throw new ArgumentException("an animation needs at least one frame", nameof(pngFrames));
        }

        var delay = Math.Max(2, (int)Math.Round(frameSeconds * 100));
        using var animation = Image.Load<Rgba32>(pngFrames[0]);
        animation.Metadata.GetGifMetadata().RepeatCount = 0;
        animation.Frames.RootFrame.Metadata.GetGifMetadata().FrameDelay = pngFrames.Count == 1 ? 3 * delay : delay;
        for (var i = 1; i < pngFrames.Count; i++)
        {
            using var frame = Image.Load<Rgba32>(pngFrames[i]);
            if (frame.Width != animation.Width || frame.Height != animation.Height)
            {
                throw new ArgumentException($"frame {i} is {frame.Width}x{frame.Height}, the first {animation.Width}x{animation.Height}", nameof(pngFrames));
            }

            frame.Frames.RootFrame.Metadata.GetGifMetadata().FrameDelay = i == pngFrames.Count - 1 ? 3 * delay : delay;
            animation.Frames.AddFrame(frame.Frames.RootFrame);
        }

        animation.SaveAsGif(path, new GifEncoder { ColorTableMode = GifColorTableMode.Local });
    }
}
