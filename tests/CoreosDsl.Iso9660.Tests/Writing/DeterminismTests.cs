using System.Security.Cryptography;

namespace CoreosDsl.Iso9660.Tests.Writing;

/// <summary>Environment variables are process-wide: these tests run alone.</summary>
[CollectionDefinition(nameof(EnvironmentCollection), DisableParallelization = true)]
public sealed class EnvironmentCollection;

[Collection(nameof(EnvironmentCollection))]
public sealed class DeterminismTests
{
    private static byte[] Write(IsoBuilder builder)
    {
        var output = new MemoryStream();
        builder.Write(output);
        return output.ToArray();
    }

    [Fact]
    [Trait("Category", "Oracle")]
    public void Same_tree_and_timestamp_give_the_same_bytes_to_a_stream_and_to_a_file()
    {
        using var scratch = new Scratch("iso-determinism");
        var first = Write(Images.FromStockTree());
        var second = Write(Images.FromStockTree());
        Assert.Equal(SHA256.HashData(first), SHA256.HashData(second));
        var file = scratch.PathOf("x.iso");
        Images.FromStockTree().WriteToFile(file);
        Assert.Equal(SHA256.HashData(first), SHA256.HashData(File.ReadAllBytes(file)));
    }

    [Fact]
    public void Insertion_order_does_not_matter()
    {
        var a = new IsoBuilder { Timestamp = Images.Timestamp }.AddFile("b/x", IsoFileSource.FromText("1")).AddFile("a/y", IsoFileSource.FromText("2")).AddDirectory("c");
        var b = new IsoBuilder { Timestamp = Images.Timestamp }.AddDirectory("c").AddFile("a/y", IsoFileSource.FromText("2")).AddFile("b/x", IsoFileSource.FromText("1"));
        Assert.Equal(Write(a), Write(b));
    }

    [Fact]
    public void Source_date_epoch_sets_the_volume_time_and_clamps_newer_entry_times()
    {
        using var scratch = new Scratch("iso-sde");
        var tree = scratch.PathOf("tree");
        Directory.CreateDirectory(Path.Combine(tree, "sub"));
        File.WriteAllText(Path.Combine(tree, "sub", "new.txt"), "written now");
        File.WriteAllText(Path.Combine(tree, "old.txt"), "old");
        var old = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(Path.Combine(tree, "old.txt"), old);
        var previous = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH");
        try
        {
            Environment.SetEnvironmentVariable("SOURCE_DATE_EPOCH", "1700000000");
            var first = Write(new IsoBuilder().AddDirectoryTree(tree));
            File.SetLastWriteTimeUtc(Path.Combine(tree, "sub", "new.txt"), DateTime.UtcNow.AddHours(1)); // a fresh checkout
            var second = Write(new IsoBuilder().AddDirectoryTree(tree));
            Assert.Equal(first, second);

            using var image = IsoReader.Open(new MemoryStream(first));
            var epoch = DateTimeOffset.FromUnixTimeSeconds(1700000000);
            Assert.Equal(epoch, image.CreationTime);
            Assert.Equal(epoch, image.GetEntry("sub/new.txt")!.ModificationTime);
            Assert.Equal(new DateTimeOffset(old), image.GetEntry("old.txt")!.ModificationTime);

            Environment.SetEnvironmentVariable("SOURCE_DATE_EPOCH", "yesterday");
            Assert.Contains("SOURCE_DATE_EPOCH is 'yesterday'", Assert.Throws<InvalidOperationException>(() => Write(new IsoBuilder())).Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable("SOURCE_DATE_EPOCH", previous);
        }
    }

    [Fact]
    public void Explicit_timestamp_wins_over_source_date_epoch()
    {
        var previous = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH");
        try
        {
            Environment.SetEnvironmentVariable("SOURCE_DATE_EPOCH", "1700000000");
            using var image = IsoReader.Open(new MemoryStream(Write(new IsoBuilder { Timestamp = Images.Timestamp }.AddFile("f", IsoFileSource.FromText("x")))));
            Assert.Equal(Images.Timestamp, image.CreationTime);
            Assert.Equal(Images.Timestamp, image.GetEntry("f")!.ModificationTime);
        }
        finally
        {
            Environment.SetEnvironmentVariable("SOURCE_DATE_EPOCH", previous);
        }
    }
}
