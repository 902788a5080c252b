using System.Globalization;
using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Fat.Tests;

/// <summary>Writing is sparse: free clusters are never written, so a mostly empty volume takes little disk space.</summary>
public sealed class SparseWriteTests : IDisposable
{
    private readonly string _dir = TestPaths.NewScratchDirectory("sparse");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    [Trait("Category", "Oracle")]
    public void TwoGiBVolumeWithTenMegabytesAllocatesAboutTenMegabytes()
    {
        var image = Path.Combine(_dir, "sparse.img");
        var builder = new FatBuilder(new FatFormatOptions { Size = 2048L << 20 });
        builder.AddFile("data.bin", 10L << 20, () => new MemoryStream(SampleTree.Bytes(10 << 20, 1)));
        var layout = builder.Plan();
        var reports = new List<long>();
        layout.WriteTo(image, new SynchronousProgress(reports.Add));

        Assert.Equal(2048L << 20, new FileInfo(image).Length);
        // stat: allocated 512-byte blocks. Data + two 128 KiB FATs + directories: well under 11 MiB.
        var blocks = long.Parse(ExternalTool.Run("stat", ["-c", "%b", image]).EnsureSuccess().StandardOutput.Trim(), CultureInfo.InvariantCulture);
        Assert.InRange(blocks * 512, 10L << 20, 11L << 20);

        Assert.Equal(layout.TotalWriteBytes, reports[^1]);
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.First <= p.Second));
        Oracles.AssertClean(image);
    }

    [Fact]
    public void WriterAllocationsDoNotGrowWithTheData()
    {
        // Streaming: the file's bytes pass through a fixed buffer, so 1 GiB allocates what 8 MiB does.
        var (small, large) = Allocations.OfWriting(size =>
        {
            var builder = new FatBuilder(new FatFormatOptions { Size = 2048L << 20 });
            builder.AddFile("data.bin", size, () => new ZeroStream(size));
            var layout = builder.Plan();
            return () => layout.WriteTo(Stream.Null);
        });
        Assert.True(large - small < Allocations.StreamingSlack, $"writing 8 MiB allocated {small} bytes, 1 GiB allocated {large}");
    }

    [Fact]
    [Trait("Category", "Oracle")]
    public void CorruptedVolumeIsCaughtByTheFsckOracle()
    {
        // The oracle must be able to fail: break a FAT chain and fsck.fat has to complain.
        var image = Path.Combine(_dir, "corrupt.img");
        var builder = new FatBuilder(new FatFormatOptions { Size = 8L << 20, ClusterSize = 1024 });
        builder.AddFile("file.bin", new byte[5000]);
        var layout = builder.Plan();
        layout.WriteTo(image);
        using (var stream = File.OpenWrite(image))
        {
            stream.Position = (layout.BootSector.ReservedSectors * 512L) + ((layout.Locate("file.bin").FirstCluster + 1) * 2);
            stream.Write([0, 0]); // free a cluster in the middle of the chain
        }

        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => Oracles.AssertClean(image));
    }

    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
