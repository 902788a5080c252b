namespace CoreosDsl.Tests.Shared;

/// <summary>Measures whether a streaming writer's allocations grow with the data it writes.</summary>
public static class Allocations
{
    /// <summary>The most that writing 1 GiB may allocate beyond writing 8 MiB for a writer to count as streaming.</summary>
    public const long StreamingSlack = 256 * 1024;

    /// <summary>
    /// Bytes allocated on this thread by writing 8 MiB and by writing 1 GiB, after a 1 MiB warm-up.
    /// <paramref name="prepare"/> sets up a write of the given size (not measured) and returns the write itself (measured).
    /// </summary>
    public static (long Small, long Large) OfWriting(Func<long, Action> prepare)
    {
        long Allocated(long size)
        {
            var write = prepare(size);
            var before = GC.GetAllocatedBytesForCurrentThread();
            write();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Allocated(1 << 20);
        return (Allocated(8L << 20), Allocated(1L << 30));
    }
}
