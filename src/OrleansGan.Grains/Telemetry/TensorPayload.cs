using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using OrleansGan.Abstractions.Messages;

namespace OrleansGan.Grains.Telemetry;

/// <summary>
/// The tensor bytes a message carries: the sum of <see cref="TensorBytes.Data"/> lengths found anywhere inside a
/// value (its properties, nested records, arrays and lists). Works for any record, including ones written later:
/// each type's shape is read by reflection once and cached.
/// </summary>
public static class TensorPayload
{
    private static readonly ConcurrentDictionary<Type, Func<object, long>?> Measurers = new();

    /// <summary>
    /// The tensor bytes inside <paramref name="value"/>; null when its type can never hold a tensor (a loss report, a
    /// seed, a setup), so that such values are not counted as messages.
    /// </summary>
    public static long? Measure(object? value) =>
        value is null ? null : MeasurerOf(value.GetType()) is { } measure ? measure(value) : null;

    /// <summary>A message kind for a value: its type's name, with generic arguments spelled out.</summary>
    public static string KindOf(object value) => NameOf(value.GetType());

    private static string NameOf(Type type)
    {
        if (type.IsArray)
        {
            return NameOf(type.GetElementType()!) + "[]";
        }

        if (!type.IsGenericType)
        {
            return type.Name;
        }

        var name = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
        return $"{name}<{string.Join(",", type.GetGenericArguments().Select(NameOf))}>";
    }

    private static Func<object, long>? MeasurerOf(Type type)
    {
        if (Measurers.TryGetValue(type, out var known))
        {
            return known;
        }

        var measure = Build(type, []);
        Measurers.TryAdd(type, measure);
        return measure;
    }

    /// <summary>Null when no value of <paramref name="type"/> can hold a tensor.</summary>
    private static Func<object, long>? Build(Type type, HashSet<Type> building)
    {
        if (type == typeof(TensorBytes))
        {
            return value => ((TensorBytes)value).Data.LongLength;
        }

        if (IsLeaf(type))
        {
            return null;
        }

        building.Add(type);
        try
        {
            if (typeof(IEnumerable).IsAssignableFrom(type))
            {
                var element = ElementTypeOf(type);
                return element is null || MayHold(element, building) ? SumOfElements : null;
            }

            var parts = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && MayHold(p.PropertyType, building))
                .ToArray();
            return parts.Length == 0 ? null : value => parts.Sum(p => Measure(p.GetValue(value)) ?? 0);
        }
        finally
        {
            building.Remove(type);
        }
    }

    /// <summary>Whether a value declared as <paramref name="declared"/> may hold a tensor.</summary>
    private static bool MayHold(Type declared, HashSet<Type> building)
    {
        if (declared == typeof(TensorBytes))
        {
            return true;
        }

        if (IsLeaf(declared))
        {
            return false;
        }

        if (typeof(IEnumerable).IsAssignableFrom(declared) && ElementTypeOf(declared) is { } element)
        {
            return MayHold(element, building);
        }

        // Open declarations (object, an interface, an abstract or unsealed class) and types already on this path
        // (recursive records) are measured by the value's own type at run time.
        var open = declared == typeof(object) || declared.IsInterface || declared.IsAbstract || (declared.IsClass && !declared.IsSealed);
        return open || building.Contains(declared) || Build(declared, building) is not null;
    }

    private static long SumOfElements(object value)
    {
        long total = 0;
        foreach (var item in (IEnumerable)value)
        {
            total += Measure(item) ?? 0;
        }

        return total;
    }

    private static Type? ElementTypeOf(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        return type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            ?.GetGenericArguments()[0];
    }

    private static bool IsLeaf(Type type) =>
        type.IsPrimitive || type.IsEnum || type.IsPointer || type == typeof(string) || type == typeof(decimal)
        || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(TimeSpan) || type == typeof(Guid)
        || Nullable.GetUnderlyingType(type) is { } inner && IsLeaf(inner)
        || type.IsArray && IsLeaf(type.GetElementType()!)
        || typeof(Delegate).IsAssignableFrom(type) || typeof(Type).IsAssignableFrom(type) || typeof(MemberInfo).IsAssignableFrom(type);
}
