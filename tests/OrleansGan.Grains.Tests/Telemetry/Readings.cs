using System.Diagnostics.Metrics;

namespace OrleansGan.Grains.Tests.Telemetry;

/// <summary>One measurement as a listener saw it.</summary>
internal sealed record Reading(string Instrument, double Value, IReadOnlyDictionary<string, string> Tags);

/// <summary>Reads the instruments of one meter factory, as an exporter would at a scrape.</summary>
internal sealed class Readings : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<Reading> _readings = [];

    public Readings(IMeterFactory scope)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, scope))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((i, v, t, _) => Add(i, v, t));
        _listener.SetMeasurementEventCallback<long>((i, v, t, _) => Add(i, v, t));
        _listener.SetMeasurementEventCallback<double>((i, v, t, _) => Add(i, v, t));
        _listener.Start();
    }

    /// <summary>Histogram recordings since the last call, then the observable instruments' current values.</summary>
    public IReadOnlyList<Reading> Collect()
    {
        _listener.RecordObservableInstruments();
        var readings = _readings.ToList();
        _readings.Clear();
        return readings;
    }

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = new Dictionary<string, string>();
        foreach (var tag in tags)
        {
            labels[tag.Key] = tag.Value?.ToString() ?? "";
        }

        _readings.Add(new Reading(instrument.Name, value, labels));
    }
}
