namespace OrleansGan.Telemetry.Tests.Prometheus;

/// <summary>A test that needs a real Prometheus server; skipped, with the reason, only where none can be had.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PrometheusFactAttribute : FactAttribute
{
    public PrometheusFactAttribute()
    {
        if (PrometheusInstall.WhyNot() is { } why)
        {
            Skip = why;
        }
    }
}
