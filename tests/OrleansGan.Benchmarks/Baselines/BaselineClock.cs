using System.Diagnostics;
using System.Globalization;

namespace OrleansGan.Benchmarks.Baselines;

/// <summary>
/// How a loop baseline is timed and what it prints for <see cref="SpeedBenchmark"/> to read: its warm-up rounds, then
/// its timed rounds by wall clock and by the process's CPU time, as "rounds/s X (losses Y)" and "cpu-ms/round Z".
/// </summary>
internal static class BaselineClock
{
    /// <summary>Plays <paramref name="warmUp"/> rounds, then <paramref name="afterWarmUp"/>, then times <paramref name="rounds"/> rounds.</summary>
    public static (double Seconds, double CpuMsPerRound) Time(Action round, int warmUp, int rounds, Action? afterWarmUp = null)
    {
        for (var r = 0; r < warmUp; r++)
        {
            round();
        }

        afterWarmUp?.Invoke();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var r = 0; r < rounds; r++)
        {
            round();
        }

        var seconds = clock.Elapsed.TotalSeconds;
        return (seconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / rounds);
    }

    /// <summary>The two lines the driver reads, with the mean of the losses the loop summed (a check that it played).</summary>
    public static void Print(int rounds, (double Seconds, double CpuMsPerRound) timed, double lossSum)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rounds/s {rounds / timed.Seconds:F2} (losses {lossSum / rounds:R})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cpu-ms/round {timed.CpuMsPerRound:F3}"));
    }
}
