using System.Globalization;
using OrleansGan.Core.Native;
using TorchSharp;

namespace OrleansGan.Core.Devices;

/// <summary>
/// A device as a spec names it: "cpu", "cuda" or "cuda:N", or a logical CPU device "cpu:N" (several per machine, so
/// that placement can be exercised on CPUs), which computes on the CPU.
/// </summary>
public static class DeviceName
{
    /// <summary>Returns null when <paramref name="name"/> is a well-formed device name, else what is wrong with it.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "a device is required (cpu, cuda or cuda:N)";
        }

        if (name == "cpu" || name == "cuda")
        {
            return null;
        }

        if ((name.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(name.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            || (name.StartsWith("cpu:", StringComparison.Ordinal) && int.TryParse(name.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            return null;
        }

        return $"unknown device '{name}' (expected cpu, cpu:N, cuda or cuda:N)";
    }

    /// <summary>Returns null when this process can compute on <paramref name="name"/>, else why not.</summary>
    public static string? Unavailable(string name)
    {
        if (Problem(name) is { } problem)
        {
            return problem;
        }

        if (IsCpu(name))
        {
            return null;
        }

        TorchRuntime.EnsureLoaded();
        if (!torch.cuda.is_available())
        {
            return $"device '{name}' is not available here: this build of TorchSharp sees no CUDA device";
        }

        var index = name == "cuda" ? 0 : int.Parse(name.AsSpan(5), CultureInfo.InvariantCulture);
        var count = torch.cuda.device_count();
        return index < count ? null : $"device '{name}' is not available here: only {count} CUDA device(s)";
    }

    /// <summary>The torch device for a well-formed name.</summary>
    public static torch.Device Parse(string name)
    {
        if (Problem(name) is { } problem)
        {
            throw new ArgumentException(problem, nameof(name));
        }

        TorchRuntime.EnsureLoaded();
        return new torch.Device(IsCpu(name) ? "cpu" : name);
    }

    /// <summary>True for "cpu" and the logical "cpu:N".</summary>
    public static bool IsCpu(string name) => name == "cpu" || name.StartsWith("cpu:", StringComparison.Ordinal);
}
