using OrleansGan.Abstractions.Spec;

namespace OrleansGan.Grains.Placement;

/// <summary>
/// Chooses a silo and a device for each player of a game from the devices the silos declared, by the spec's policy.
/// Pure: the caller supplies the silos and how many players each device already hosts.
/// </summary>
public static class PlacementPlanner
{
    /// <summary>The generator's and the discriminator's seats.</summary>
    /// <exception cref="InvalidOperationException">The cluster cannot satisfy the request; the message says why.</exception>
    public static (PlayerSeat Generator, PlayerSeat Discriminator) Plan(
        PlacementSpec placement, IReadOnlyList<SiloDevices> silos, IReadOnlyDictionary<(string Silo, string Device), int> load)
    {
        if (silos.Count == 0)
        {
            throw new InvalidOperationException("placement: the cluster has no active silo");
        }

        var seats = silos.SelectMany(s => s.Devices.Select(d => (Silo: s, Device: d))).ToList();
        int Load((SiloDevices Silo, string Device) seat) => load.GetValueOrDefault((seat.Silo.Address, seat.Device));
        static PlayerSeat Seat((SiloDevices Silo, string Device) s) => new(s.Silo.Address, s.Silo.Name, s.Device);

        switch (placement.Policy)
        {
            case PlacementPolicy.Colocate:
            {
                var seat = seats.OrderBy(Load).First();
                return (Seat(seat), Seat(seat));
            }

            case PlacementPolicy.Spread:
            {
                var first = seats.OrderBy(Load).First();
                var second = seats.OrderBy(s => Load(s) + (s == first ? 1 : 0)).First();
                return (Seat(first), Seat(second));
            }

            case PlacementPolicy.Split:
            {
                if (seats.Count < 2)
                {
                    throw new InvalidOperationException(
                        $"placement: split needs two devices, but the cluster declares only {seats[0].Device} on {seats[0].Silo.Name}");
                }

                var first = seats.OrderBy(Load).First();
                var others = seats.Where(s => s != first).ToList();
                var apart = others.Where(s => s.Silo.Address != first.Silo.Address).ToList();
                var second = (apart.Count > 0 ? apart : others).OrderBy(Load).First();
                return (Seat(first), Seat(second));
            }

            case PlacementPolicy.Explicit:
                return (Find(placement.Generator, "placement.generator", silos), Find(placement.Discriminator, "placement.discriminator", silos));

            default:
                throw new InvalidOperationException($"placement: policy {placement.Policy} chooses no seats");
        }
    }

    private static PlayerSeat Find(string? request, string field, IReadOnlyList<SiloDevices> silos)
    {
        var parts = (request ?? string.Empty).Split('/');
        if (parts.Length != 2)
        {
            throw new InvalidOperationException($"{field}: '{request}' is not silo/device");
        }

        var silo = silos.FirstOrDefault(s => s.Name == parts[0] || s.Address == parts[0])
            ?? throw new InvalidOperationException(
                $"{field}: no active silo is named '{parts[0]}' (silos: {string.Join(", ", silos.Select(s => s.Name))})");
        return silo.Devices.Contains(parts[1])
            ? new PlayerSeat(silo.Address, silo.Name, parts[1])
            : throw new InvalidOperationException(
                $"{field}: silo '{silo.Name}' has no device '{parts[1]}' (it declares {string.Join(", ", silo.Devices)})");
    }
}
