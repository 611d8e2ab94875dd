namespace OrleansGan.Grains.Placement;

/// <summary>A silo as placement sees it: its address, its name, and the devices it declared.</summary>
/// <param name="Address">The silo's address, as <c>SiloAddress.ToParsableString()</c> writes it.</param>
/// <param name="Name">The silo's name.</param>
/// <param name="Devices">The devices the silo declared in configuration (cpu, cpu:N, cuda:N).</param>
[GenerateSerializer, Immutable]
public sealed record SiloDevices(
    [property: Id(0)] string Address,
    [property: Id(1)] string Name,
    [property: Id(2)] IReadOnlyList<string> Devices)
{
    /// <summary>The silo-metadata key that carries a silo's devices, comma-separated.</summary>
    public const string DevicesKey = "orleansgan.devices";

    /// <summary>The silo-metadata key that carries a silo's name.</summary>
    public const string NameKey = "orleansgan.silo";

    /// <summary>Reads a silo's devices from its metadata; a silo that declared none offers "cpu".</summary>
    public static SiloDevices From(string address, IReadOnlyDictionary<string, string> metadata) => new(
        address,
        metadata.TryGetValue(NameKey, out var name) ? name : address,
        metadata.TryGetValue(DevicesKey, out var devices) && devices.Length > 0
            ? devices.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : ["cpu"]);
}
