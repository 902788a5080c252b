using System.Text;
using CoreosDsl.Tests.Shared;
using CsCheck;

namespace CoreosDsl.Fat.Tests;

/// <summary>Property test: random trees written by us read back identically through mtools (and our reader).</summary>
[Trait("Category", "Oracle")]
public sealed class RandomTreeTests
{
    // Name characters: ASCII letters, digits, the punctuation 8.3 names allow or replace, spaces, dots, and some
    // Latin, Greek, Cyrillic and CJK letters (Basic Multilingual Plane).
    private const string Palette = "abcXYZ019_-~$!#()+,;=[]@ . ÄäöüßéñΩλЖжя日本語";

    private static readonly Gen<string> NameGen =
        Gen.Select(Gen.Int[1, 40], Gen.Int[0, int.MaxValue], (length, seed) =>
        {
            var random = new Random(seed);
            var name = new StringBuilder();
            for (var i = 0; i < length; i++)
            {
                name.Append(Palette[random.Next(Palette.Length)]);
            }

            return name.ToString().TrimEnd('.', ' ') is { Length: > 0 } trimmed && trimmed is not "." and not ".." ? trimmed : "n";
        });

    private static readonly Gen<SampleFile> FileGen =
        Gen.Select(NameGen.Array[1, 8], Gen.Frequency((6, Gen.Int[0, 3000]), (2, Gen.Int[0, 70_000]), (1, Gen.Int[500_000, 2_000_000])), Gen.Int,
            (parts, length, seed) => new SampleFile(string.Join('/', parts), SampleTree.Bytes(length, seed)));

    private static readonly Gen<(List<SampleFile> Files, bool Fat32)> TreeGen =
        Gen.Select(FileGen.Array[1, 30], Gen.Bool, (files, fat32) => (Consistent(files), fat32));

    [Fact]
    public void RandomTreesReadBackThroughMtools()
    {
        Check.Sample(TreeGen, sample =>
        {
            var (files, fat32) = sample;
            var dir = TestPaths.NewScratchDirectory("random-tree");
            try
            {
                var image = Path.Combine(dir, "random.img");
                var builder = new FatBuilder(new FatFormatOptions { Size = (fat32 ? 40L : 24L) << 20, Type = fat32 ? FatType.Fat32 : FatType.Fat16 });
                SampleTree.AddTo(builder, files);
                builder.Plan().WriteTo(image);

                Oracles.AssertClean(image);
                SampleTree.AssertMtoolsReadsBack(image, 0, files);
                using var fs = FatFileSystem.Open(image);
                foreach (var file in files)
                {
                    Assert.Equal(file.Content, fs.ReadAllBytes(file.Path));
                }
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }, iter: 25, threads: 1, print: s => string.Join("\n", s.Files.Select(f => $"{f.Path} ({f.Content.Length} bytes)")) + $"\nFAT32: {s.Fat32}");
    }

    /// <summary>
    /// Drops files whose path clashes (case-insensitively, as FAT compares) with an earlier file or directory, and
    /// spells directories the way they were first spelled (the volume has one directory for "abc" and "ABC").
    /// </summary>
    private static List<SampleFile> Consistent(IEnumerable<SampleFile> files)
    {
        var kinds = new Dictionary<string, (string Spelling, bool IsDirectory)>(StringComparer.OrdinalIgnoreCase);
        var result = new List<SampleFile>();
        foreach (var file in files)
        {
            var parts = file.Path.Split('/');
            var clash = false;
            for (var n = 1; n < parts.Length && !clash; n++)
            {
                var prefix = string.Join('/', parts[..n]);
                if (kinds.TryGetValue(prefix, out var known))
                {
                    clash = !known.IsDirectory;
                    parts[n - 1] = known.Spelling.Split('/')[^1];
                }
            }

            var path = string.Join('/', parts);
            if (clash || kinds.ContainsKey(path))
            {
                continue;
            }

            for (var n = 1; n < parts.Length; n++)
            {
                var prefix = string.Join('/', parts[..n]);
                kinds.TryAdd(prefix, (prefix, true));
            }

            kinds[path] = (path, false);
            result.Add(file with { Path = path });
        }

        return result;
    }
}
