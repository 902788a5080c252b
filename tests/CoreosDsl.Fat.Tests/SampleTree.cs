using System.Security.Cryptography;
using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Fat.Tests;

/// <summary>A file for a test volume: its path, content and attributes.</summary>
internal sealed record SampleFile(string Path, byte[] Content, FatAttributes Attributes = FatAttributes.None);

/// <summary>Test trees: the stand-in stock layout plus the cases that break FAT writers.</summary>
internal static class SampleTree
{
    /// <summary>Deterministic pseudo-random bytes.</summary>
    public static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>A tree like the stock ISO's with long names, empty files, cluster-sized files and deep directories.</summary>
    public static List<SampleFile> Stock(int clusterSize = 32 * 1024) =>
    [
        new("coreos/vmlinuz", Bytes(3_000_001, 1)),
        new("coreos/cpio.gz", Bytes(1_700_000, 2)),
        new("cloud-config.yml", "#cloud-config\nhostname: bootlab-medium\n"u8.ToArray()),
        new("syslinux/syslinux.cfg", "DEFAULT coreos\n"u8.ToArray()),
        new("EFI/BOOT/BOOTX64.EFI", Bytes(40_000, 3)),
        new("empty.txt", []),
        new("exactly-one-cluster.bin", Bytes(clusterSize, 4)),
        new("one-cluster-plus-one.bin", Bytes(clusterSize + 1, 5)),
        new("ldlinux.c32", Bytes(1000, 6), FatAttributes.ReadOnly | FatAttributes.Hidden | FatAttributes.System),
        new("a/b/c/d/e/f/g/deep file with spaces.txt", Bytes(10, 7)),
        new("a/b/README", Bytes(11, 8)),
        new("Mixed Case Directory/Ünïcödé name – ok.txt", Bytes(12, 9)),
        new("Mixed Case Directory/MiXeD", Bytes(13, 10)),
        new("names/verylongname1.txt", Bytes(1, 11)),
        new("names/verylongname2.txt", Bytes(2, 12)),
        new("names/verylongname3.txt", Bytes(3, 13)),
        new("names/x.tar.gz", Bytes(4, 14)),
        new("names/.hidden", Bytes(5, 15)),
        new("names/a name that is much longer than thirteen characters and spans several long-name entries.txt", Bytes(6, 16)),
    ];

    /// <summary>Adds the files to a builder.</summary>
    public static void AddTo(FatBuilder builder, IEnumerable<SampleFile> files)
    {
        foreach (var file in files)
        {
            builder.AddFile(file.Path, file.Content, file.Attributes);
        }
    }

    /// <summary>Copies the whole volume out with <c>mcopy -s</c> and checks that it holds exactly these files, byte for byte.</summary>
    public static void AssertMtoolsReadsBack(string image, long offset, IReadOnlyCollection<SampleFile> files)
    {
        var outDir = TestPaths.NewScratchDirectory("mcopy");
        try
        {
            Oracles.Mtools("mcopy", image, offset, "-s", "-n", "-m", "::/*", outDir).EnsureSuccess();
            var found = Directory.GetFiles(outDir, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(outDir, f).Replace('\\', '/'))
                .Order(StringComparer.Ordinal).ToList();
            var expected = files.Select(f => f.Path.TrimStart('/')).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expected, found);
            foreach (var file in files)
            {
                var copy = File.ReadAllBytes(Path.Combine(outDir, file.Path.TrimStart('/')));
                Assert.True(file.Content.AsSpan().SequenceEqual(copy),
                    $"{file.Path}: mtools read {copy.Length} bytes (sha256 {Convert.ToHexString(SHA256.HashData(copy))[..12]}), expected {file.Content.Length}");
            }
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }
}
