namespace OrleansGan.Core.Spec;

/// <summary>
/// How much a spec may ask of the reader. Specs are shared between people and read before anything is checked, so
/// every way a small text can grow (aliases that expand, brackets that nest, files that extend files) has a bound; a
/// refusal names the bound and the file. Real specs stay far below each: the defaults are 60 lines, 4 levels deep and
/// about 120 values.
/// </summary>
public static class SpecLimits
{
    /// <summary>The largest spec file, and the longest <c>--set</c> value, in bytes (characters for a value).</summary>
    public const int MaxBytes = 1 << 20;

    /// <summary>How deeply mappings and lists may nest in one document (the defaults nest 3 deep).</summary>
    public const int MaxDepth = 16;

    /// <summary>Values (scalars, mappings, lists) a document may hold once its aliases are expanded.</summary>
    public const int MaxNodes = 10_000;

    /// <summary>Files an <c>extends</c> chain may hold, the first included.</summary>
    public const int MaxFiles = 16;
}
