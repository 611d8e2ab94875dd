namespace OrleansGan.Cluster.Tests;

/// <summary>
/// A test of the slow suite (minutes of real processes): skipped, saying so, unless ORLEANSGAN_SLOW=1, which
/// <c>.ci/slow</c> sets.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class SlowFactAttribute : FactAttribute
{
    /// <summary>The environment variable that runs the slow suite.</summary>
    public const string Variable = "ORLEANSGAN_SLOW";

    /// <summary>Skips the test outside the slow suite.</summary>
    public SlowFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            Skip = $"slow suite: .ci/slow runs it ({Variable}=1)";
        }
    }
}
