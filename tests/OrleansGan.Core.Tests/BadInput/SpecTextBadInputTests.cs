using System.Text;
using OrleansGan.Core.Spec;
using OrleansGan.Core.Tests.Spec;
using static OrleansGan.Core.Tests.Spec.Specs;

namespace OrleansGan.Core.Tests.BadInput;

/// <summary>
/// Spec text is untrusted (specs are shared between people): every way a small text can blow up the reader (aliases
/// that refer to themselves or multiply, brackets that nest, files that are huge, devices, folders, several
/// documents) is refused with an <see cref="InvalidGameSpecException"/> naming the file and the bound, whether the
/// text comes from a file or from a --set value. Each case here crashed the process or hung it before.
/// </summary>
public sealed class SpecTextBadInputTests : IDisposable
{
    private readonly SpecFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, string> RecursiveAliases => new()
    {
        { "a: &a [1, *a]\n", "alias *a refers to the value that contains it" },
        { "generator: &g\n  optimizer: *g\n", "alias *g refers to the value that contains it" },
        { "x: &x { y: { z: [*x] } }\n", "alias *x refers to the value that contains it" },
        { "rounds: *nowhere\n", "alias *nowhere has no anchor" },
        { "? *k\n: 3\n", "not an alias" },
    };

    [Theory]
    [MemberData(nameof(RecursiveAliases))]
    public void Aliases_that_never_end_or_lead_nowhere_are_refused_in_files_and_flags(string text, string problem)
    {
        var path = _folder.Write("alias.yaml", text);
        var error = RefusedFile(path);
        Assert.Contains(path, error.Message);
        Assert.Contains(problem, error.Message);
        Assert.Contains(problem, Refused(("generator.hidden", text)).Message);
    }

    [Theory]
    [InlineData(2)] // 1,233 values: fine on its own, refused only because the spec has no such field
    [InlineData(3)] // 11,111 values
    [InlineData(5)] // 1,111,111 values
    [InlineData(8)] // 100,000,000 values: this one would take the machine
    public void An_alias_bomb_is_refused_by_the_count_of_values_it_expands_to(int levels)
    {
        var text = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i <= levels; i++)
        {
            text.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        }

        var path = _folder.Write("bomb.yaml", text.ToString());
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var error = RefusedFile(path);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.Contains(path, error.Message);
        Assert.Contains(levels < 3 ? "no such field 'a0'" : $"more than {SpecLimits.MaxNodes:N0} values", error.Message);
    }

    [Theory]
    [InlineData(17)]
    [InlineData(70)]
    [InlineData(100_000)]
    public void Deep_nesting_is_refused_naming_the_bound_in_files_and_flags(int depth)
    {
        foreach (var text in new[] { new string('[', depth) + new string(']', depth), string.Concat(Enumerable.Repeat("{a: ", depth)) + "1" + new string('}', depth) })
        {
            var path = _folder.Write("deep.yaml", "generator:\n  hidden: " + text + "\n");
            var error = RefusedFile(path);
            Assert.Contains(path, error.Message);
            Assert.Contains($"more than {SpecLimits.MaxDepth} levels deep", error.Message);
            Assert.Contains($"more than {SpecLimits.MaxDepth} levels deep", Refused(("generator.hidden", text)).Message);
        }
    }

    [Fact]
    public void Block_nesting_counts_as_nesting_too()
    {
        var text = string.Concat(Enumerable.Range(0, 40).Select(i => new string(' ', 2 * i) + "a:\n"));
        Assert.Contains($"more than {SpecLimits.MaxDepth} levels deep", RefusedFile(_folder.Write("block.yaml", text)).Message);
    }

    [Fact]
    public void A_spec_as_deep_as_the_bound_still_reads()
    {
        // The bound refuses only what no spec needs: 16 levels parse, and the field is then refused by kind.
        var text = new string('[', SpecLimits.MaxDepth - 2) + "1" + new string(']', SpecLimits.MaxDepth - 2);
        var error = RefusedFile(_folder.Write("ok-depth.yaml", $"generator:\n  hidden: {text}\n"));
        Assert.Contains("generator.hidden[0]: must be a whole number (got a list)", error.Message);
    }

    [Fact]
    public void A_file_larger_than_the_bound_is_refused_without_reading_it_all()
    {
        var path = _folder.Write("huge.yaml", "name: " + new string('x', SpecLimits.MaxBytes) + "\n");
        var error = RefusedFile(path);
        Assert.Contains(path, error.Message);
        Assert.Contains($"larger than a spec may be ({SpecLimits.MaxBytes:N0} bytes)", error.Message);
        Assert.Contains($"more than a spec may hold ({SpecLimits.MaxBytes:N0})", Refused(("name", new string('x', SpecLimits.MaxBytes + 1))).Message);
    }

    [Fact]
    public void A_device_that_never_ends_is_refused_by_the_size_bound()
    {
        Assert.Contains("larger than a spec may be", RefusedFile("/dev/zero").Message);
    }

    [Fact]
    public void A_folder_is_not_a_spec_file()
    {
        var error = RefusedFile(_folder.Path);
        Assert.Contains($"'{_folder.Path}' is a folder, not a file", error.Message);
        _folder.Write("sub/x.yaml", "rounds: 3\n");
        Assert.Contains("is a folder, not a file", RefusedFile(_folder.Write("child.yaml", "extends: sub\n")).Message);
    }

    [Fact]
    public void A_second_document_is_refused_whatever_it_holds()
    {
        foreach (var second in new[] { "rounds: 3\n", "garbage: [\n", "" })
        {
            var path = _folder.Write("two.yaml", "rounds: 5\n---\n" + second);
            var error = RefusedFile(path);
            Assert.Contains(path, error.Message);
            Assert.Contains("more than one YAML document", error.Message);
        }

        Assert.Contains("more than one YAML document", Refused(("rounds", "5\n---\n6")).Message);
    }

    [Fact]
    public void A_field_given_twice_is_refused_naming_it_and_the_line()
    {
        var error = RefusedFile(_folder.Write("twice.yaml", "rounds: 5\nbatchSize: 8\nrounds: 6\n"));
        Assert.Contains("line 3", error.Message);
        Assert.Contains("field 'rounds' is given twice", error.Message);
        Assert.Contains("field 'a' is given twice", Refused(("generator.optimizer", "{a: 1, a: 2}")).Message);
    }

    [Fact]
    public void An_extends_chain_longer_than_the_bound_is_refused()
    {
        for (var i = 0; i < SpecLimits.MaxFiles + 2; i++)
        {
            _folder.Write($"f{i}.yaml", i == SpecLimits.MaxFiles + 1 ? "rounds: 3\n" : $"extends: f{i + 1}.yaml\n");
        }

        var error = RefusedFile(Path.Combine(_folder.Path, "f0.yaml"));
        Assert.Contains($"more than {SpecLimits.MaxFiles} files", error.Message);

        // A chain within the bound reads.
        Assert.Equal(3, GameSpecLoader.Load(Path.Combine(_folder.Path, $"f{SpecLimits.MaxFiles - 1}.yaml")).Rounds);
    }

    [Theory]
    [InlineData("extends: ''\n")]
    [InlineData("extends: '   '\n")]
    [InlineData("extends: null\n")]
    public void An_empty_extends_is_refused(string text)
    {
        Assert.Contains("'extends' must name a spec file", RefusedFile(_folder.Write("empty-extends.yaml", text)).Message);
    }

    [Theory]
    [InlineData("\0\0\0\0")]
    [InlineData("\u0001\u0002rounds: 3")]
    [InlineData("rounds: \"unterminated\n")]
    [InlineData("\t- a\n\t- b\n")]
    public void Binary_or_broken_text_is_refused_as_not_yaml(string text)
    {
        var path = _folder.Write("binary.yaml", text);
        var error = RefusedFile(path);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void A_file_with_a_byte_order_mark_reads()
    {
        var path = Path.Combine(_folder.Path, "bom.yaml");
        File.WriteAllText(path, "rounds: 7\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        Assert.Equal(7, GameSpecLoader.Load(path).Rounds);
    }

    [Fact]
    public void Anchors_and_aliases_within_the_bounds_still_work()
    {
        var path = _folder.Write("anchors.yaml", "generator:\n  hidden: &w [32, 32]\ndiscriminator:\n  hidden: *w\n");
        var spec = GameSpecLoader.Load(path);
        Assert.Equal([32, 32], spec.Generator.Hidden);
        Assert.Equal([32, 32], spec.Discriminator.Hidden);
    }
}
