namespace CoreosDsl.Fat;

/// <summary>
/// Detects a cluster chain that loops. It remembers the runs of consecutive clusters walked so far and checks
/// every jump (a step to anything but the next cluster) against them: a valid chain never returns to a cluster.
/// Memory and time grow with the number of fragments, not clusters: a contiguous file is one run.
/// </summary>
internal sealed class ChainGuard
{
    private readonly List<(uint First, uint Last)> _runs = [];
    private readonly string _path;
    private readonly uint _first;
    private uint _runStart;

    /// <summary>A guard for the chain of <paramref name="path"/> starting at <paramref name="first"/>.</summary>
    public ChainGuard(string path, uint first)
    {
        _path = path;
        _first = first;
        _runStart = first;
    }

    /// <summary>Records the step <paramref name="from"/> → <paramref name="to"/>; throws when it revisits a cluster.</summary>
    public void Step(uint from, uint to)
    {
        if (to == from + 1)
        {
            return;
        }

        _runs.Add((_runStart, from));
        foreach (var (runFirst, runLast) in _runs)
        {
            if (to >= runFirst && to <= runLast)
            {
                throw new InvalidDataException($"'{_path}': the cluster chain starting at cluster {_first} loops back to cluster {to} (from cluster {from})");
            }
        }

        _runStart = to;
    }
}
