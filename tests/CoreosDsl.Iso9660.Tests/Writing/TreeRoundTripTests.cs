using System.Text;
using CoreosDsl.Tests.Shared;
using CsCheck;

namespace CoreosDsl.Iso9660.Tests.Writing;

/// <summary>Random trees written by us and read back by xorriso, isoinfo and 7z (the oracles) and by our reader.</summary>
[Trait("Category", "Oracle")]
public sealed class TreeRoundTripTests
{
    /// <summary>A name of a random kind: short ASCII, long (up to 255 bytes), Unicode (accents, CJK, emoji), or awkward punctuation.</summary>
    private static readonly Gen<string> Name = Gen.OneOf(
        Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_."], 1, 12],
        Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz-_. "], 60, 255],
        Gen.String[Gen.Char["éüßñøåçÉÜ日本語中文한국어ДЖЯ"], 1, 40],
        Gen.Select(Gen.String[Gen.Char["abc"], 1, 5], Gen.OneOf("😀", "🚀", "$x", "a b", "semi;colon", "st*r", "q?", "co:lon", "back\\slash")).Select((a, b) => a + b))
        .Where(n => n != "." && n != ".." && Encoding.UTF8.GetByteCount(n) <= 255);

    private static readonly Gen<byte[]> Content = Gen.OneOf(
        Gen.Const(Array.Empty<byte>()),
        Gen.Byte.Array[1, 3000],
        Gen.Int[2048 * 40, 300_000].Select(n => { var b = new byte[n]; new Random(n).NextBytes(b); return b; }));

    private static readonly Gen<(string[] Path, byte[] Content, UnixFileMode Mode)> FileSpec =
        Gen.Select(Name.Array[1, 12], Content, Gen.OneOf((UnixFileMode)0x1A4, (UnixFileMode)0x1ED, (UnixFileMode)0x100, (UnixFileMode)0x1FF));

    private static readonly Gen<List<(string[] Path, byte[] Content, UnixFileMode Mode)>> TreeSpec = FileSpec.List[1, 25];

    /// <summary>Stages the spec on disk and in a builder; entries that clash with a file on their path are dropped.</summary>
    private static void Stage(List<(string[] Path, byte[] Content, UnixFileMode Mode)> spec, string disk, IsoBuilder builder, bool withLinks)
    {
        var i = 0;
        foreach (var (path, content, mode) in spec)
        {
            var full = Path.Combine([disk, .. path]);
            if (File.Exists(full) || Directory.Exists(full) || path.Skip(1).Select((_, k) => Path.Combine([disk, .. path[..(k + 1)]])).Any(File.Exists))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            if (withLinks && i++ % 5 == 4)
            {
                File.CreateSymbolicLink(full, string.Join('/', path[..^1].Select(_ => "..")) + "/target-" + path[^1]);
                continue;
            }

            File.WriteAllBytes(full, content);
            File.SetUnixFileMode(full, mode);
        }

        builder.AddDirectoryTree(disk);
    }

    [Fact]
    public void Random_trees_extracted_by_xorriso_equal_the_input()
    {
        using var scratch = new Scratch("iso-roundtrip");
        var n = 0;
        TreeSpec.Sample(spec =>
        {
            var dir = scratch.PathOf($"case{n++}");
            var input = Path.Combine(dir, "input");
            Directory.CreateDirectory(input);
            var builder = new IsoBuilder { VolumeIdentifier = "RANDOM", Timestamp = Images.Timestamp };
            Stage(spec, input, builder, withLinks: true);
            var iso = Path.Combine(dir, "out.iso");
            builder.WriteToFile(iso);

            var extracted = Path.Combine(dir, "xorriso");
            ExternalTool.Run("xorriso", ["-osirrox", "on", "-indev", iso, "-extract", "/", extracted]).EnsureSuccess();
            var expected = TreeSnapshot.OfDisk(input);
            var actual = TreeSnapshot.OfDisk(extracted);
            Assert.Equal(TreeSnapshot.Text(expected), TreeSnapshot.Text(actual));

            using var image = IsoReader.Open(iso);
            Assert.Equal(TreeSnapshot.Text(expected), TreeSnapshot.Text(TreeSnapshot.OfImage(image)));

            // isoinfo lists the Rock Ridge tree the same way.
            var listing = ExternalTool.Run("isoinfo", ["-R", "-f", "-i", iso]).EnsureSuccess().StandardOutput;
            Assert.Equal(string.Join("\n", expected.Keys.Order(StringComparer.Ordinal)), string.Join("\n", listing.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)));
            Directory.Delete(dir, recursive: true);
        }, iter: 20, threads: 1);
    }

    [Fact]
    public void Joliet_tree_extracted_by_7z_and_listed_by_isoinfo_equals_the_input()
    {
        using var scratch = new Scratch("iso-joliet");
        var input = scratch.PathOf("input");
        var expected = new Dictionary<string, byte[]>
        {
            ["cloud-config.yml"] = "#cloud-config\n"u8.ToArray(),
            ["Ünïcödé Fïlé.txt"] = Encoding.UTF8.GetBytes("unicode"),
            ["日本語/ファイル.bin"] = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray(),
            [$"{new string('d', 64)}/{new string('f', 60)}.txt"] = [],
            ["a/b/c/d/e/f/g/h/i/j/deep"] = "deep"u8.ToArray(),
        };
        foreach (var (path, content) in expected)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(input, path))!);
            File.WriteAllBytes(Path.Combine(input, path), content);
        }

        var iso = scratch.PathOf("joliet.iso");
        new IsoBuilder { Timestamp = Images.Timestamp }.AddDirectoryTree(input).WriteToFile(iso);

        var extracted = scratch.PathOf("7z");
        ExternalTool.Run("7z", ["x", "-o" + extracted, iso]).EnsureSuccess();
        Assert.Equal(TreeSnapshot.Text(TreeSnapshot.OfDisk(input, withModes: false)), TreeSnapshot.Text(TreeSnapshot.OfDisk(extracted, withModes: false)));

        // isoinfo prints Joliet names in an 8-bit charset: Latin-1 bytes (which the UTF-8 reading of its output turns into
        // U+FFFD) and '_' for characters beyond it.
        var joliet = ExternalTool.Run("isoinfo", ["-J", "-j", "iso8859-1", "-f", "-i", iso]).EnsureSuccess().StandardOutput;
        static string AsIsoinfoPrints(string name) => new(name.Select(c => c < 0x80 ? c : c <= 0xFF ? '\uFFFD' : '_').ToArray());
        var directories = expected.Keys.SelectMany(k => k.Split('/')[..^1].Select((_, i) => string.Join('/', k.Split('/')[..(i + 1)])));
        Assert.Equal(
            expected.Keys.Concat(directories).Distinct().Select(k => AsIsoinfoPrints("/" + k)).Order(StringComparer.Ordinal),
            joliet.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));

        using var image = IsoReader.Open(iso, new IsoReaderOptions { Namespace = IsoNamespace.Joliet });
        Assert.Equal(TreeSnapshot.Text(TreeSnapshot.OfDisk(input, withModes: false)), TreeSnapshot.Text(TreeSnapshot.OfImage(image, withModes: false)));
    }

    [Fact]
    public void Without_joliet_isoinfo_finds_no_joliet_tree_and_rock_ridge_still_reads()
    {
        using var scratch = new Scratch("iso-no-joliet");
        var iso = scratch.PathOf("plain.iso");
        new IsoBuilder { Timestamp = Images.Timestamp, Joliet = false }
            .AddFile("Long Name For Rock Ridge.txt", IsoFileSource.FromText("rr"))
            .WriteToFile(iso);

        var info = ExternalTool.Run("isoinfo", ["-d", "-i", iso]).EnsureSuccess().StandardOutput;
        Assert.Contains("NO Joliet present", info, StringComparison.Ordinal);
        Assert.Contains("Rock Ridge signatures version 1 found", info, StringComparison.Ordinal);
        using var image = IsoReader.Open(iso);
        Assert.False(image.HasJoliet);
        Assert.Equal("/Long Name For Rock Ridge.txt\n", ExternalTool.Run("isoinfo", ["-R", "-f", "-i", iso]).EnsureSuccess().StandardOutput);
    }

    [Fact]
    public void Isoinfo_long_listing_shows_rock_ridge_modes_links_and_plain_names()
    {
        using var scratch = new Scratch("iso-modes");
        var iso = scratch.PathOf("modes.iso");
        new IsoBuilder { Timestamp = Images.Timestamp }
            .AddFile("bin/tool", IsoFileSource.FromText("#!/bin/sh\n", (UnixFileMode)0x1ED))
            .AddFile("etc/secret", IsoFileSource.FromText("s", (UnixFileMode)0x180))
            .AddFile("cloud-config.yml", IsoFileSource.FromText("#cloud-config\n"))
            .AddSymbolicLink("current", "bin/tool")
            .WriteToFile(iso);
        var rr = ExternalTool.Run("isoinfo", ["-R", "-l", "-i", iso]).EnsureSuccess().StandardOutput;
        Assert.Matches(@"-rwxr-xr-x\s+1\s+0\s+0\s+10 .* tool", rr);
        Assert.Matches(@"-rw-------\s+1\s+0\s+0\s+1 .* secret", rr);
        Assert.Matches(@"lrwxrwxrwx\s+1\s+0\s+0\s+0 .* current -> bin/tool", rr);
        Assert.Matches(@"drwxr-xr-x\s+4\s+0\s+0\s+2048 .* \. ", rr);
        var plain = ExternalTool.Run("isoinfo", ["-l", "-i", iso]).EnsureSuccess().StandardOutput;
        Assert.Contains("CLOUD_CO.YML;1", plain); // level 1 without Rock Ridge, as the boot recipe notes
    }
}
