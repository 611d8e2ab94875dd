using System.Reflection;

namespace OrleansGan.Client.Tests.BadInput;

/// <summary>
/// A grain factory for a game that is a plain object (a scripted stand-in): an observer reference is the observer
/// itself, and nothing else is asked of it.
/// </summary>
public class ObserverFactory : DispatchProxy
{
    /// <summary>The factory.</summary>
    public static IGrainFactory Create() => Create<IGrainFactory, ObserverFactory>();

    /// <inheritdoc />
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
    {
        nameof(IGrainFactory.CreateObjectReference) => args![0],
        nameof(IGrainFactory.DeleteObjectReference) => null,
        _ => throw new NotSupportedException($"a scripted game's factory does not {targetMethod?.Name}"),
    };
}
