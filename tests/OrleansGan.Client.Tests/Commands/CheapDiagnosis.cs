namespace OrleansGan.Client.Tests.Commands;

/// <summary>The flags of a cheap in-game diagnosis: the machinery, not the numbers, is under test where it is used.</summary>
internal static class CheapDiagnosis
{
    /// <summary><c>--set</c> flags for a diagnosis every <paramref name="every"/> rounds, without the duality gap's steps.</summary>
    public static string[] Flags(int every) =>
    [
        "--set", $"diagnostics.every={every}", "--set", "diagnostics.batchSize=64", "--set", "diagnostics.chunks=4",
        "--set", "diagnostics.eigenvalues=4", "--set", "diagnostics.extremeEigenvalues=2", "--set", "diagnostics.maxRestarts=20",
        "--set", "diagnostics.dualityGap.steps=0", "--set", "diagnostics.pathAngle.points=5", "--set", "diagnostics.precision=float32",
    ];
}
