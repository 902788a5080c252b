namespace CoreosDsl.Fat.Tests;

/// <summary>Choosing FAT16 or FAT32 by the specification's cluster limits, and saying what fits when nothing does.</summary>
public sealed class CapacityTests
{
    [Theory]
    [InlineData(4L << 20, FatType.Fat16)]
    [InlineData(256L << 20, FatType.Fat16)]
    [InlineData(2048L << 20, FatType.Fat16)]     // the seed's partition
    [InlineData(2064L << 20, FatType.Fat16)]     // a few clusters over: the reserved region takes them
    [InlineData(2200L << 20, FatType.Fat32)]
    [InlineData(16L << 30, FatType.Fat32)]
    public void SizeChoosesTheType(long size, FatType expected)
    {
        var layout = new FatBuilder(new FatFormatOptions { Size = size }).Plan();
        Assert.Equal(expected, layout.Type);
        Assert.Equal(expected, FatBootSector.TypeFor(layout.BootSector.ClusterCount));
        Assert.True(layout.ClusterSize <= 32 * 1024);
        Assert.Equal(size, layout.Size);
    }

    [Fact]
    public void ContentThatOverflowsFat16ClustersMovesToFat32()
    {
        // 70000 files of 1 byte: each takes a whole cluster, so FAT16's at most 65524 clusters cannot hold them.
        var builder = new FatBuilder(new FatFormatOptions { Size = 1024L << 20 });
        for (var i = 0; i < 70_000; i++)
        {
            builder.AddFile($"d{i / 1000}/f{i % 1000}", new byte[1]);
        }

        Assert.Equal(FatType.Fat32, builder.Plan().Type);
    }

    [Fact]
    public void Fat16AboveItsLimitSaysWhatWouldFit()
    {
        var builder = new FatBuilder(new FatFormatOptions { Size = 3L << 30, Type = FatType.Fat16 });
        var error = Assert.Throws<FatCapacityException>(() => builder.Plan());
        Assert.Contains("3 GiB is too large for FAT16", error.Message, StringComparison.Ordinal);
        Assert.Contains("choose FAT32 or a smaller size", error.Message, StringComparison.Ordinal);
        Assert.Null(error.SuggestedSize);

        // The limit it names is exact: that size works, one MiB more does not.
        var limit = long.Parse(System.Text.RegularExpressions.Regex.Match(error.Message, @"at most (\d+) MiB").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(FatType.Fat16, new FatBuilder(new FatFormatOptions { Size = limit << 20, Type = FatType.Fat16 }).Plan().Type);
        Assert.Throws<FatCapacityException>(() => new FatBuilder(new FatFormatOptions { Size = (limit + 1) << 20, Type = FatType.Fat16 }).Plan());
    }

    [Fact]
    public void TooMuchContentNamesTheSizeThatFits()
    {
        var builder = new FatBuilder(new FatFormatOptions { Size = 64L << 20 });
        builder.AddFile("big.bin", 100L << 20, () => Stream.Null);
        var error = Assert.Throws<FatCapacityException>(() => builder.Plan());
        Assert.Contains("content needs", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.SuggestedSize);
        Assert.Contains($"{error.SuggestedSize >> 20} MiB or more", error.Message, StringComparison.Ordinal);

        // The suggestion fits, and one MiB less does not.
        var fits = new FatBuilder(new FatFormatOptions { Size = error.SuggestedSize!.Value });
        fits.AddFile("big.bin", 100L << 20, () => Stream.Null);
        fits.Plan();
        var smaller = new FatBuilder(new FatFormatOptions { Size = error.SuggestedSize.Value - (1 << 20) });
        smaller.AddFile("big.bin", 100L << 20, () => Stream.Null);
        Assert.Throws<FatCapacityException>(() => smaller.Plan());
    }

    [Fact]
    public void TooSmallForFat32SaysSo()
    {
        var error = Assert.Throws<FatCapacityException>(() => new FatBuilder(new FatFormatOptions { Size = 16L << 20, Type = FatType.Fat32 }).Plan());
        Assert.Contains("16 MiB is too small for FAT32", error.Message, StringComparison.Ordinal);
        Assert.Contains("at least 33 MiB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongSourceLengthStopsTheWriteNamingTheFile()
    {
        var builder = new FatBuilder(new FatFormatOptions { Size = 8L << 20 });
        builder.AddFile("coreos/short.bin", 1000, () => new MemoryStream(new byte[999]));
        var error = Assert.Throws<InvalidDataException>(() => builder.Plan().WriteTo(new MemoryStream()));
        Assert.Contains("coreos/short.bin", error.Message, StringComparison.Ordinal);
        Assert.Contains("999", error.Message, StringComparison.Ordinal);

        var longer = new FatBuilder(new FatFormatOptions { Size = 8L << 20 });
        longer.AddFile("long.bin", 10, () => new MemoryStream(new byte[11]));
        Assert.Throws<InvalidDataException>(() => longer.Plan().WriteTo(new MemoryStream()));
    }

    [Fact]
    public void FailedWriteLeavesNoFileBehind()
    {
        var dir = Path.Combine(Path.GetTempPath(), "coreosdsl-tests", "fail-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var builder = new FatBuilder(new FatFormatOptions { Size = 8L << 20 });
            builder.AddFile("broken.bin", 10, () => throw new IOException("source unavailable"));
            var target = Path.Combine(dir, "out.img");
            Assert.Throws<IOException>(() => builder.Plan().WriteTo(target));
            Assert.Empty(Directory.GetFiles(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void CancellationStopsTheWrite()
    {
        var builder = new FatBuilder(new FatFormatOptions { Size = 8L << 20 });
        builder.AddFile("a.bin", new byte[100]);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => builder.Plan().WriteTo(new MemoryStream(), cancellationToken: cancelled.Token));
    }
}
