using OrleansGan.Core.Spec;

namespace OrleansGan.Core.Tests.Spec;

/// <summary>A temporary folder of spec files, deleted with its contents on dispose.</summary>
internal sealed class SpecFolder : IDisposable
{
    public SpecFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "orleansgan-spec-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Writes <paramref name="text"/> to <paramref name="name"/> (which may contain sub-folders) and returns its full path.</summary>
    public string Write(string name, string text)
    {
        var file = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
        return file;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

/// <summary>Shorthands for loading specs in tests.</summary>
internal static class Specs
{
    public static KeyValuePair<string, string>[] Overrides(params (string Field, string Value)[] overrides) =>
        overrides.Select(o => KeyValuePair.Create(o.Field, o.Value)).ToArray();

    /// <summary>Loads the defaults with <paramref name="overrides"/> and returns the exception it must throw.</summary>
    public static InvalidGameSpecException Refused(params (string Field, string Value)[] overrides) =>
        Assert.Throws<InvalidGameSpecException>(() => GameSpecLoader.Load(null, Overrides(overrides)));

    /// <summary>Loads <paramref name="path"/> and returns the exception it must throw.</summary>
    public static InvalidGameSpecException RefusedFile(string path) =>
        Assert.Throws<InvalidGameSpecException>(() => GameSpecLoader.Load(path));
}

/// <summary>Field-by-field spec equality (records compare arrays by reference, so <c>Assert.Equal</c> on specs cannot).</summary>
internal static class SpecAssert
{
    public static void Same(OrleansGan.Abstractions.Spec.GameSpec expected, OrleansGan.Abstractions.Spec.GameSpec actual)
    {
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Seed, actual.Seed);
        Assert.Equal(expected.Rounds, actual.Rounds);
        Assert.Equal(expected.BatchSize, actual.BatchSize);
        Assert.Equal(expected.Data, actual.Data);
        Assert.Equal(expected.Loss, actual.Loss);
        Assert.Equal(expected.Protocol, actual.Protocol);
        Assert.Equal(expected.Evaluation, actual.Evaluation);

        var (g, h) = (expected.Generator, actual.Generator);
        Assert.Equal(g.LatentSize, h.LatentSize);
        Assert.Equal(g.Hidden, h.Hidden);
        Assert.Equal(g.OutputSize, h.OutputSize);
        Assert.Equal(g.Activation, h.Activation);
        Assert.Equal(g.Optimizer, h.Optimizer);
        Assert.Equal(g.Device, h.Device);
        Assert.Equal(g.Normalization, h.Normalization);

        var (d, e) = (expected.Discriminator, actual.Discriminator);
        Assert.Equal(d.InputSize, e.InputSize);
        Assert.Equal(d.Hidden, e.Hidden);
        Assert.Equal(d.Activation, e.Activation);
        Assert.Equal(d.Optimizer, e.Optimizer);
        Assert.Equal(d.Device, e.Device);
        Assert.Equal(d.Normalization, e.Normalization);
        Assert.Equal(d.MinibatchFeatures, e.MinibatchFeatures);
        Assert.Equal(d.Pack, e.Pack);
    }
}
