using System.Text;

namespace OrleansGan.Client.Tests.Commands;

/// <summary>Collects what a command prints, and lets a test await the moment some text appears in it.</summary>
internal sealed class WatchedWriter : StringWriter
{
    private readonly Lock _lock = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _awaited = [];

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>Completes once the output contains <paramref name="text"/>.</summary>
    public Task Printed(string text)
    {
        lock (_lock)
        {
            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (ToString().Contains(text, StringComparison.Ordinal))
            {
                seen.SetResult();
            }
            else
            {
                _awaited.Add((text, seen));
            }

            return seen.Task;
        }
    }

    public override void Write(char value)
    {
        lock (_lock)
        {
            base.Write(value);
            Check();
        }
    }

    public override void Write(string? value)
    {
        lock (_lock)
        {
            base.Write(value);
            Check();
        }
    }

    public override void Write(char[] buffer, int index, int count)
    {
        lock (_lock)
        {
            base.Write(buffer, index, count);
            Check();
        }
    }

    private void Check()
    {
        var text = ToString();
        foreach (var awaited in _awaited.Where(a => text.Contains(a.Text, StringComparison.Ordinal)).ToArray())
        {
            awaited.Seen.TrySetResult();
            _awaited.Remove(awaited);
        }
    }
}
