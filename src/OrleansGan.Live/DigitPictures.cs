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
        var rows = (count + columns - 1) / columns;
        using var bitmap = Canvas(columns, rows);
        for (var i = 0; i < count; i++)
        {
            Draw(bitmap, pixels, i, i % columns, i / columns);
        }

        return Png(bitmap);
    }

    /// <summary>One row per evaluation (top: first), the same <see cref="ProgressColumns"/> latent samples in every row.</summary>
    public static void Progress(string path, IReadOnlyList<EvaluationRecord> evaluations)
    {
        var grids = evaluations.Where(e => e.SampleGrid is not null).ToList();
        if (grids.Count == 0)
        {
            return;
        }

        var columns = Math.Min(ProgressColumns, grids.Min(e => e.SampleGrid!.Length / (Side * Side)));
        using var bitmap = Canvas(columns, grids.Count);
        for (var row = 0; row < grids.Count; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                Draw(bitmap, grids[row].SampleGrid!, column, column, row);
            }
        }

        File.WriteAllBytes(path, Png(bitmap));
    }

    private static SKBitmap Canvas(int columns, int rows)
    {
        var bitmap = new SKBitmap(Gap + (columns * ((Side * Scale) + Gap)), Gap + (rows * ((Side * Scale) + Gap)), SKColorType.Gray8, SKAlphaType.Opaque);
        bitmap.Erase(new SKColor(96, 96, 96));
        return bitmap;
    }

    private static void Draw(SKBitmap bitmap, byte[] pixels, int sample, int column, int row)
    {
        var left = Gap + (column * ((Side * Scale) + Gap));
        var top = Gap + (row * ((Side * Scale) + Gap));
        for (var y = 0; y < Side * Scale; y++)
        {
            for (var x = 0; x < Side * Scale; x++)
            {
                var value = pixels[(sample * Side * Side) + ((y / Scale) * Side) + (x / Scale)];
                bitmap.SetPixel(left + x, top + y, new SKColor(value, value, value));
            }
        }
    }

    private static byte[] Png(SKBitmap bitmap)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
