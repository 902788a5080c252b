using System.Diagnostics;
using CoreosDsl.Tests.Shared;
using Xunit.Abstractions;

namespace CoreosDsl.Iso9660.Tests.Reading;

/// <summary>
/// Feeds the reader mutated images (random byte flips, truncations, and structure-aware edits of lengths, LBAs and
/// SUSP entries) and requires that every image is either read or rejected with <see cref="InvalidDataException"/>,
/// never another exception, a hang, or unbounded memory.
/// </summary>
[Trait("Category", "Oracle")]
public sealed class FuzzTests(ITestOutputHelper output)
{
    private static readonly int Iterations = int.TryParse(Environment.GetEnvironmentVariable("ISO_FUZZ_ITERATIONS"), out var n) ? n : 10_000;
    private static readonly TimeSpan PerImageLimit = TimeSpan.FromSeconds(5);
    private const long PerImageAllocationLimit = 64L << 20;

    [Fact]
    public void Mutated_images_are_read_or_rejected_with_InvalidDataException()
    {
        using var scratch = new Scratch("iso-fuzz");
        var seeds = FuzzSeeds.Build(scratch);
        Exception? failure = null;
        var current = -1;
        var currentStart = Stopwatch.GetTimestamp();
        var currentDescription = "";
        var outcomes = new Dictionary<string, int>();
        var worker = new Thread(() =>
        {
            try
            {
                var random = new Random(20240506);
                for (var i = 0; i < Iterations; i++)
                {
                    var seed = seeds[i % seeds.Count];
                    var (image, description) = FuzzMutator.Mutate(seed, random);
                    currentDescription = $"image #{i}, seed {seed.Name}, {description}";
                    currentStart = Stopwatch.GetTimestamp();
                    Volatile.Write(ref current, i);
                    var before = GC.GetAllocatedBytesForCurrentThread();
                    var outcome = ReadEverything(image);
                    var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                    if (allocated > PerImageAllocationLimit)
                    {
                        throw new InvalidOperationException($"{currentDescription}: reading allocated {allocated} bytes (limit {PerImageAllocationLimit}).");
                    }

                    outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
                }

                Volatile.Write(ref current, Iterations);
            }
            catch (Exception e)
            {
                failure = e;
            }
        })
        { IsBackground = true };
        worker.Start();
        while (worker.IsAlive)
        {
            worker.Join(100);
            if (worker.IsAlive && Stopwatch.GetElapsedTime(currentStart) > PerImageLimit && Volatile.Read(ref current) >= 0)
            {
                Assert.Fail($"{currentDescription} did not finish within {PerImageLimit.TotalSeconds} s: the reader hangs.");
            }
        }

        if (failure is not null)
        {
            Assert.Fail($"{currentDescription}: {failure}");
        }

        Assert.Equal(Iterations, current);
        output.WriteLine($"{Iterations} mutated images: {string.Join(", ", outcomes.Select(o => $"{o.Value} {o.Key}"))}");
        foreach (var (message, count) in Messages.OrderByDescending(m => m.Value).Take(40))
        {
            output.WriteLine($"{count,6}  {message}");
        }
        // The mutations must reach both outcomes, or the test proves little.
        Assert.True(outcomes.GetValueOrDefault("read") > Iterations / 20, string.Join(", ", outcomes));
        Assert.True(outcomes.GetValueOrDefault("rejected") > Iterations / 20, string.Join(", ", outcomes));
    }

    private static readonly Dictionary<string, int> Messages = [];

    /// <summary>Opens the image and touches everything a caller could: tree, names, file data, catalog, MBR.</summary>
    private static string ReadEverything(byte[] bytes)
    {
        try
        {
            foreach (var ns in new IsoNamespace?[] { null, IsoNamespace.Iso9660 })
            {
                using var image = IsoReader.Open(new MemoryStream(bytes, writable: false), options: new IsoReaderOptions { Namespace = ns });
                _ = (image.VolumeIdentifier, image.CreationTime, image.MasterBootRecord?.Partitions.Count);
                var entries = 0;
                foreach (var entry in image.EnumerateEntries())
                {
                    _ = (entry.FullPath, entry.Mode, entry.ModificationTime);
                    if (entry is IsoFile file)
                    {
                        using var stream = file.Open();
                        stream.CopyTo(Stream.Null);
                    }

                    entries++;
                }

                _ = image.BootCatalog?.Entries.Count;
                _ = image.GetEntry("isolinux/isolinux.cfg");
            }

            return "read";
        }
        catch (InvalidDataException e)
        {
            var key = System.Text.RegularExpressions.Regex.Replace(e.Message, @"\d+", "N");
            Messages[key] = Messages.GetValueOrDefault(key) + 1;
            return "rejected";
        }
    }
}

/// <summary>Small seed images with every structure the reader parses, built by xorriso and by our writer.</summary>
internal static class FuzzSeeds
{
    internal sealed record Seed(string Name, byte[] Bytes, IReadOnlyList<FieldLocation> Fields);

    /// <summary>A field a structure-aware mutation may change: where, how wide, what it is.</summary>
    internal sealed record FieldLocation(int Offset, int Width, string What);

    public static List<Seed> Build(Scratch scratch)
    {
        var tree = Path.Combine(scratch.Directory, "tree");
        Directory.CreateDirectory(Path.Combine(tree, "boot"));
        Directory.CreateDirectory(Path.Combine(tree, "a", "b", "c", "d", "e", "f", "g", "h", "i"));
        File.WriteAllBytes(Path.Combine(tree, "boot", "boot.img"), Enumerable.Range(0, 4096).Select(i => (byte)i).ToArray());
        File.WriteAllText(Path.Combine(tree, "a", "b", "c", "d", "e", "f", "g", "h", "i", "deep.txt"), "deep\n");
        File.WriteAllText(Path.Combine(tree, new string('n', 200) + ".txt"), "long name\n");
        File.WriteAllText(Path.Combine(tree, "Ünïcödé.txt"), "unicode\n");
        File.WriteAllBytes(Path.Combine(tree, "empty"), []);
        File.CreateSymbolicLink(Path.Combine(tree, "link"), "a/b/c");
        var xorrisoIso = Path.Combine(scratch.Directory, "xorriso.iso");
        ExternalTool.Run("xorriso", ["-as", "mkisofs", "-o", xorrisoIso, "-V", "FUZZ", "-R", "-J", "-no-pad",
            "-c", "boot/boot.cat", "-b", "boot/boot.img", "-no-emul-boot", "-boot-load-size", "4", "-boot-info-table", tree]).EnsureSuccess();

        var ours = new IsoBuilder { VolumeIdentifier = "FUZZ", Timestamp = Images.Timestamp, PaddingSectors = 0, Boot = new ElToritoBoot { BiosBootImage = "boot/boot.img", CatalogPath = "boot/boot.cat", EfiBootImage = "boot/boot.img" } };
        ours.AddDirectoryTree(tree);
        var oursIso = Path.Combine(scratch.Directory, "ours.iso");
        ours.WriteToFile(oursIso);

        return [Describe("xorriso", File.ReadAllBytes(xorrisoIso)), Describe("ours", File.ReadAllBytes(oursIso))];
    }

    /// <summary>Finds the fields worth mutating by walking the seed with the reader's own structures.</summary>
    private static Seed Describe(string name, byte[] bytes)
    {
        var fields = new List<FieldLocation>
        {
            new(0x8000 + PrimaryVolumeDescriptor.VolumeSpaceSizeOffset, 4, "volume space size"),
            new(0x8000 + PrimaryVolumeDescriptor.LogicalBlockSizeOffset, 2, "logical block size"),
            new(0x8000 + PrimaryVolumeDescriptor.RootDirectoryRecordOffset + DirectoryRecord.ExtentOffset, 4, "root LBA"),
            new(0x8000 + PrimaryVolumeDescriptor.RootDirectoryRecordOffset + DirectoryRecord.DataLengthOffset, 4, "root length"),
            new(0x8000 + PrimaryVolumeDescriptor.PathTableSizeOffset, 4, "path table size"),
        };
        for (var lba = 16; lba < 32; lba++)
        {
            fields.Add(new(lba * 2048, 1, "descriptor type"));
            if (bytes[lba * 2048] == 0)
            {
                var catalogLba = BitConverter.ToInt32(bytes, lba * 2048 + BootRecordVolumeDescriptor.BootCatalogLbaOffset);
                fields.Add(new(lba * 2048 + BootRecordVolumeDescriptor.BootCatalogLbaOffset, 4, "catalog LBA"));
                for (var e = 0; e < 6; e++)
                {
                    fields.Add(new(catalogLba * 2048 + e * 32, 1, "catalog indicator"));
                    fields.Add(new(catalogLba * 2048 + e * 32 + 1, 1, "catalog media/platform"));
                    fields.Add(new(catalogLba * 2048 + e * 32 + 2, 2, "catalog count/segment"));
                    fields.Add(new(catalogLba * 2048 + e * 32 + 8, 4, "catalog LBA field"));
                }
            }

            if (bytes[lba * 2048] == 255)
            {
                break;
            }
        }

        // Directory records and their SUSP entries, from the path table's directory LBAs.
        using (var image = IsoReader.Open(new MemoryStream(bytes)))
        {
            var directories = image.EnumerateEntries().OfType<IsoDirectory>().Select(d => (d.Lba, d.ExtentLength)).Prepend((image.RootDirectory.Lba, image.RootDirectory.ExtentLength));
            using var joliet = IsoReader.Open(new MemoryStream(bytes), options: new IsoReaderOptions { Namespace = IsoNamespace.Joliet });
            directories = directories.Concat(joliet.EnumerateEntries().OfType<IsoDirectory>().Select(d => (d.Lba, d.ExtentLength))).Append((joliet.RootDirectory.Lba, joliet.RootDirectory.ExtentLength));
            foreach (var (lba, length) in directories.Distinct())
            {
                var start = (int)lba * 2048;
                var position = 0;
                while (position < length)
                {
                    var at = start + position;
                    if (bytes[at] == 0)
                    {
                        position = (position / 2048 + 1) * 2048;
                        continue;
                    }

                    var record = DirectoryRecord.Parse(bytes.AsSpan(at, (int)Math.Min(255, length - position)), at);
                    fields.Add(new(at, 1, "record length"));
                    fields.Add(new(at + DirectoryRecord.ExtentOffset, 4, "record LBA"));
                    fields.Add(new(at + DirectoryRecord.DataLengthOffset, 4, "record data length"));
                    fields.Add(new(at + DirectoryRecord.FlagsOffset, 1, "record flags"));
                    fields.Add(new(at + DirectoryRecord.IdentifierLengthOffset, 1, "identifier length"));
                    var su = at + record.SystemUseOffset;
                    foreach (var (entry, offset) in SuspEntry.ParseArea(record.SystemUse, su))
                    {
                        fields.Add(new((int)offset + 2, 1, $"SUSP {entry.Signature} length"));
                        fields.Add(new((int)offset + 4, Math.Min(4, entry.Data.Length), $"SUSP {entry.Signature} data"));
                        if (entry.Signature == "CE")
                        {
                            fields.Add(new((int)offset + 4, 4, "CE LBA"));
                            fields.Add(new((int)offset + 12, 4, "CE offset"));
                            fields.Add(new((int)offset + 20, 4, "CE length"));
                        }
                    }

                    position += record.Length;
                }
            }
        }

        return new Seed(name, bytes, fields.Where(f => f.Offset >= 0 && f.Offset + f.Width <= bytes.Length).ToList());
    }
}

/// <summary>The mutations: byte flips (mostly in metadata), truncations, and interesting values in known fields.</summary>
internal static class FuzzMutator
{
    public static (byte[] Image, string Description) Mutate(FuzzSeeds.Seed seed, Random random)
    {
        var bytes = (byte[])seed.Bytes.Clone();
        var metadataEnd = Math.Min(bytes.Length, 64 * 2048);
        switch (random.Next(10))
        {
            case 0 or 1:
            {
                var length = random.Next(bytes.Length);
                return (bytes[..length], $"truncated to {length} bytes");
            }

            case 2 or 3 or 4:
            {
                var flips = random.Next(1, 9);
                var where = new List<int>();
                for (var i = 0; i < flips; i++)
                {
                    var position = random.Next(10) < 8 ? random.Next(16 * 2048, metadataEnd) : random.Next(bytes.Length);
                    bytes[position] ^= (byte)(1 << random.Next(8));
                    where.Add(position);
                }

                return (bytes, $"bit flips at {string.Join(",", where)}");
            }

            default:
            {
                var edits = random.Next(1, 4);
                var what = new List<string>();
                for (var i = 0; i < edits; i++)
                {
                    var field = seed.Fields[random.Next(seed.Fields.Count)];
                    var value = Interesting(random, field, bytes.Length);
                    for (var b = 0; b < field.Width; b++)
                    {
                        bytes[field.Offset + b] = (byte)(value >> (8 * b));
                    }

                    what.Add($"{field.What}@{field.Offset}={value}");
                }

                return (bytes, string.Join("; ", what));
            }
        }
    }

    private static ulong Interesting(Random random, FuzzSeeds.FieldLocation field, int imageLength)
    {
        var max = field.Width >= 8 ? ulong.MaxValue : (1UL << (8 * field.Width)) - 1;
        ulong[] candidates = [0, 1, 2, 3, 4, 7, 8, 16, 18, 20, 32, 33, 34, 255, 256, 2047, 2048, 2049, (ulong)(imageLength / 2048), (ulong)(imageLength / 2048 + 1),
            (ulong)imageLength, 0x7FFF, 0xFFFF, 0x7FFFFFFF, 0xFFFFFFFF, (ulong)random.NextInt64()];
        return candidates[random.Next(candidates.Length)] & max;
    }
}
