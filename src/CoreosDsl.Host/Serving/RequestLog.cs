using System.Threading.Channels;

namespace CoreosDsl.Host;

/// <summary>
/// The request log of <c>serve</c>, written off the request path: answering a request only queues its entry, and one
/// background writer formats the queued entries and flushes once per batch, gathering for a moment between batches.
/// A slow terminal or log collector then delays the log, never the answers (a flush per request under a lock made the
/// latency of 50 clients follow the console). The queue is bounded so that memory stays flat; entries that do not fit are counted and reported.
/// </summary>
internal sealed class RequestLog : IAsyncDisposable
{
    /// <summary>How many entries may wait for the writer before new ones are counted as dropped.</summary>
    public const int Capacity = 1 << 16;

    private const int BatchSize = 1024;

    /// <summary>
    /// How long the writer waits after a batch that did not fill, so that the next one gathers the requests of that
    /// time: under load the log costs one write per batch, not a wake-up and a write per request.
    /// </summary>
    private static readonly TimeSpan GatherTime = TimeSpan.FromMilliseconds(20);

    private readonly Channel<RequestLogEntry> queue;
    private readonly Action<IReadOnlyList<RequestLogEntry>, long> write;
    private readonly Task writer;
    private long dropped;

    /// <summary>Starts the writer.</summary>
    /// <param name="write">
    /// Writes a batch of entries, in the order they were queued, and flushes; the second argument is how many
    /// entries were dropped since the last batch because the queue was full (usually 0).
    /// </param>
    public RequestLog(Action<IReadOnlyList<RequestLogEntry>, long> write)
    {
        this.write = write;

        // In DropWrite mode a full queue still answers TryWrite with true; the callback is what sees the drop.
        queue = Channel.CreateBounded<RequestLogEntry>(
            new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite },
            _ => Interlocked.Increment(ref dropped));
        writer = Task.Run(RunAsync);
    }

    /// <summary>Queues <paramref name="entry"/>; never blocks.</summary>
    public void Add(RequestLogEntry entry) => queue.Writer.TryWrite(entry); // false only once the log has stopped

    /// <summary>Writes what is queued, then stops the writer. Safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await writer;
    }

    private async Task RunAsync()
    {
        var batch = new List<RequestLogEntry>(BatchSize);
        while (await queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < BatchSize && queue.Reader.TryRead(out var entry))
            {
                batch.Add(entry);
            }

            try
            {
                write(batch, Interlocked.Exchange(ref dropped, 0));
            }
            catch (IOException)
            {
                // The log's output is gone (a closed pipe): serving goes on without a log.
                queue.Writer.TryComplete();
                return;
            }

            var full = batch.Count == BatchSize;
            batch.Clear();
            if (!full)
            {
                await Task.Delay(GatherTime);
            }
        }
    }
}
