using OrleansGan.Abstractions.Game;
using SkiaSharp;

namespace OrleansGan.Live;

/// <summary>
/// Pictures of generated digits, drawn pixel by pixel from the evaluations' quantised sample grids (SkiaSharp comes
/// with ScottPlot): every evaluation's 8 x 8 grid, and one picture of the generator's progress where each row is an
/// evaluation and each column the same latent noise, so a column shows one sample changing as the game goes on.
/// </summary>
public static class DigitPictures
{
    private const int Side = 28;
    private const int Scale = 3;
    private const int Gap = 2;
    private const int ProgressColumns = 16;

    /// <summary>The evaluation's samples as an 8 x 8 grid of digits (white ink on black).</summary>
    public static void Grid(string path, EvaluationRecord evaluation) => File.WriteAllBytes(path, GridPng(evaluation));

    /// <summary><see cref="Grid"/> as PNG bytes (an animation's frame).</summary>
    public static byte[] GridPng(EvaluationRecord evaluation)
    {
        var pixels = evaluation.SampleGrid ?? throw new ArgumentException($"evaluation {evaluation.Round} has no sample grid", nameof(evaluation));
        var count = pixels.Length / (Side * Side);
        var columns = (int)Math.Ceiling(Math.Sqrt(count));
        var canvas = new Canvas(columns, (count + columns - 1) / columns);
        for (var i = 0; i < count; i++)
        {
            canvas.Draw(pixels, i, i % columns, i / columns);
        }

        return canvas.Png();
    }

    /// <summary>
    /// One row per evaluation (top: first), the same <see cref="ProgressColumns"/> latent samples in every row. Its cost
    /// grows with the rows: <c>run</c> passes an even spread of at most 120 evaluations and redraws it every few seconds.
    /// </summary>
    public static void Progress(string path, IReadOnlyList<EvaluationRecord> evaluations)
    {
        var grids = evaluations.Where(e => e.SampleGrid is not null).ToList();
        if (grids.Count == 0)
        {
            return;
        }

        var columns = Math.Min(ProgressColumns, grids.Min(e => e.SampleGrid!.Length / (Side * Side)));
        var canvas = new Canvas(columns, grids.Count);
        for (var row = 0; row < grids.Count; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                canvas.Draw(grids[row].SampleGrid!, column, column, row);
            }
        }

        File.WriteAllBytes(path, canvas.Png());
    }

    // A grey picture of digit cells, drawn into managed bytes and handed to SkiaSharp once to encode: a SetPixel call
    // per pixel made a 120-row progress picture take seconds, longer than the game takes between evaluations.
    private sealed class Canvas(int columns, int rows)
    {
        private readonly int _width = Gap + (columns * ((Side * Scale) + Gap));
        private readonly int _height = Gap + (rows * ((Side * Scale) + Gap));
        private byte[]? _gray;

        private byte[] Gray => _gray ??= Enumerable.Repeat((byte)96, _width * _height).ToArray();

        public void Draw(byte[] pixels, int sample, int column, int row)
        {
            var gray = Gray;
            var left = Gap + (column * ((Side * Scale) + Gap));
            var top = Gap + (row * ((Side * Scale) + Gap));
            for (var y = 0; y < Side * Scale; y++)
            {
                var line = ((top + y) * _width) + left;
                var source = (sample * Side * Side) + ((y / Scale) * Side);
                for (var x = 0; x < Side * Scale; x++)
                {
                    gray[line + x] = pixels[source + (x / Scale)];
                }
            }
        }

        public byte[] Png()
        {
            var info = new SKImageInfo(_width, _height, SKColorType.Gray8, SKAlphaType.Opaque);
            var handle = System.Runtime.InteropServices.GCHandle.Alloc(Gray, System.Runtime.InteropServices.GCHandleType.Pinned);
            try
            {
                using var pixmap = new SKPixmap(info, handle.AddrOfPinnedObject(), _width);
                using var image = SKImage.FromPixels(pixmap);
                using var png = image.Encode(SKEncodedImageFormat.Png, 100);
                return png.ToArray();
            }
            finally
            {
                handle.Free();
            }
        }
    }
}
