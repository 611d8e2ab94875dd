using OrleansGan.Abstractions.Spec;
using OrleansGan.Core.Data;
using OrleansGan.Core.Evaluation;
using OrleansGan.Core.Native;

namespace OrleansGan.Core.Tests.Evaluation;

/// <summary>
/// The image evaluation on samples whose answer is known: real held-out digits, uniform noise, only ones. The
/// classifier is trained once per machine (the data cache keeps it).
/// </summary>
public class DigitClassifierTests
{
    public DigitClassifierTests() => TorchRuntime.EnsureLoaded();

    private static DigitClassifier Classifier => DigitClassifier.For(MnistDigits.For(new DataSpec(DataKind.Mnist)));

    private static float[] HeldOut(Func<int, bool>? keep = null)
    {
        var classifier = Classifier;
        var digits = classifier.Digits;
        return classifier.HeldOut.Where(i => keep?.Invoke(digits.Labels[(int)i]) ?? true)
            .SelectMany(i => digits.Scaled((int)i, 1)).ToArray();
    }

    [Fact]
    public void The_classifier_is_accurate_on_digits_it_never_saw()
    {
        Assert.Equal(DigitClassifier.HeldOutCount, Classifier.HeldOut.Count);
        Assert.True(Classifier.TestAccuracy > 0.95, $"test accuracy {Classifier.TestAccuracy:P2}");
    }

    [Fact]
    public void Real_held_out_digits_are_near_the_real_features_spread_over_all_classes_and_classified_confidently()
    {
        var result = DigitEvaluation.Measure(HeldOut(), Classifier, minSamplesPerClass: 20);

        Assert.Equal(10, result.ClassesCovered);
        Assert.All(result.ClassShares, share => Assert.InRange(share, 0.06, 0.14));
        Assert.Equal(1.0, result.ClassShares.Sum(), 9);
        Assert.True(result.MeanConfidence > 0.9, $"mean confidence {result.MeanConfidence}");
        Assert.True(result.ConfidentFraction > 0.8, $"confident {result.ConfidentFraction}");
        Assert.True(result.FrechetDistance < 5, $"Fréchet distance {result.FrechetDistance}");
    }

    [Fact]
    public void Class_accuracy_is_high_for_digits_asked_for_their_own_class_and_chance_for_shuffled_classes()
    {
        var classifier = Classifier;
        var labels = classifier.HeldOut.Select(i => (int)classifier.Digits.Labels[(int)i]).ToArray();
        var shuffled = labels.ToArray();
        new Random(12).Shuffle(shuffled);

        var right = DigitEvaluation.Measure(HeldOut(), classifier, 20, labels);
        var wrong = DigitEvaluation.Measure(HeldOut(), classifier, 20, shuffled);
        var unconditional = DigitEvaluation.Measure(HeldOut(), classifier, 20);

        // The samples are judged the same way whatever they were asked for; only the class accuracy reads the classes.
        Assert.True(right.ClassAccuracy > 0.95, $"class accuracy {right.ClassAccuracy:P1} with the true classes");
        Assert.InRange(wrong.ClassAccuracy!.Value, 0.05, 0.15);
        Assert.Null(unconditional.ClassAccuracy);
        Assert.Equal(unconditional with { ClassAccuracy = right.ClassAccuracy }, right with { ClassShares = unconditional.ClassShares });
        Assert.Equal(unconditional.ClassShares, right.ClassShares);
        Assert.Throws<ArgumentException>(() => DigitEvaluation.Measure(HeldOut(), classifier, 20, labels[1..]));
    }

    [Fact]
    public void Uniform_noise_is_far_from_the_real_digits()
    {
        var random = new Random(11);
        var noise = Enumerable.Range(0, 1000 * 784).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();

        var real = DigitEvaluation.Measure(HeldOut(), Classifier, 20);
        var result = DigitEvaluation.Measure(noise, Classifier, 20);

        Assert.True(result.FrechetDistance > 20 * Math.Max(real.FrechetDistance, 1), $"noise {result.FrechetDistance} vs real {real.FrechetDistance}");
    }

    [Fact]
    public void Only_ones_cover_one_class()
    {
        var ones = HeldOut(label => label == 1);

        var result = DigitEvaluation.Measure(ones, Classifier, minSamplesPerClass: 20);

        Assert.Equal(1, result.ClassesCovered);
        Assert.True(result.ClassShares[1] > 0.95, $"share of ones {result.ClassShares[1]}");
        Assert.True(result.FrechetDistance > 5 * DigitEvaluation.Measure(HeldOut(), Classifier, 20).FrechetDistance);
    }

    [Fact]
    public void The_cached_classifier_is_reused_and_a_damaged_one_is_retrained_to_the_same_weights()
    {
        var digits = MnistDigits.For(new DataSpec(DataKind.Mnist));
        var folder = Path.Combine(Path.GetTempPath(), "orleans-gan-classifier-" + Guid.NewGuid().ToString("N"));
        try
        {
            var shared = Classifier;
            var path = DigitClassifier.CachePath(digits, folder);
            Directory.CreateDirectory(folder);
            var bytes = File.ReadAllBytes(DigitClassifier.CachePath(digits));
            bytes[1000] ^= 0x10;
            File.WriteAllBytes(path, bytes);

            var retrained = DigitClassifier.For(digits, folder);

            Assert.NotEqual(bytes, File.ReadAllBytes(path));
            Assert.Equal(File.ReadAllBytes(DigitClassifier.CachePath(digits)), File.ReadAllBytes(path));
            Assert.Equal(shared.TestAccuracy, retrained.TestAccuracy);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public void Too_few_digits_to_train_and_hold_out_are_refused_with_the_count()
    {
        var tiny = new MnistDigits(new byte[50 * 784], Enumerable.Range(0, 50).Select(i => (byte)(i % 10)).ToArray(), "tiny");

        var error = Assert.Throws<InvalidOperationException>(() => DigitClassifier.For(tiny, Path.GetTempPath()));

        Assert.Contains("tiny has 50", error.Message);
    }
}
