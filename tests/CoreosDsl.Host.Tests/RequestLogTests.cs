namespace CoreosDsl.Host.Tests;

/// <summary>serve's request log: queued off the request path, written in order, drained on stop, drops counted.</summary>
public class RequestLogTests
{
    private static RequestLogEntry Entry(int i) =>
        new(DateTimeOffset.UnixEpoch, System.Net.IPAddress.Loopback, "GET", $"/r{i}", "", 200, 0, TimeSpan.Zero, null);

    [Fact]
    public async Task EveryEntryIsWrittenInOrderBeforeDisposeReturns()
    {
        var written = new List<string>();
        var log = new RequestLog((batch, dropped) =>
        {
            Assert.Equal(0, dropped);
            written.AddRange(batch.Select(e => e.Target));
        });
        for (var i = 0; i < 5000; i++)
        {
            log.Add(Entry(i));
        }

        await log.DisposeAsync();
        await log.DisposeAsync(); // twice is fine: serve drains it before "stopped", then disposes it
        Assert.Equal(Enumerable.Range(0, 5000).Select(i => $"/r{i}"), written);
    }

    [Fact]
    public async Task AWriterThatDoesNotKeepUpDelaysTheLogNotTheRequestsAndDropsAreCounted()
    {
        using var release = new ManualResetEventSlim();
        var writtenCount = 0L;
        var droppedCount = 0L;
        var log = new RequestLog((batch, dropped) =>
        {
            release.Wait(); // a console that blocks
            writtenCount += batch.Count;
            droppedCount += dropped;
        });

        // Adding never blocks, even with the writer stuck: the queue fills, then entries are counted as dropped.
        var extra = 1000;
        await Task.Run(() =>
        {
            for (var i = 0; i < RequestLog.Capacity + extra + 1; i++)
            {
                log.Add(Entry(i));
            }
        }).WaitAsync(TimeSpan.FromSeconds(30));

        release.Set();
        await log.DisposeAsync();
        Assert.Equal(RequestLog.Capacity + extra + 1, writtenCount + droppedCount);
        Assert.InRange(droppedCount, extra - 1024, extra + 1);
    }

    [Fact]
    public async Task AClosedOutputStopsTheLogNotTheServer()
    {
        var calls = 0;
        var log = new RequestLog((_, _) =>
        {
            calls++;
            throw new IOException("Broken pipe");
        });
        log.Add(Entry(1));
        await log.DisposeAsync();
        log.Add(Entry(2)); // after the output is gone, adding is still harmless
        Assert.Equal(1, calls);
    }
}
