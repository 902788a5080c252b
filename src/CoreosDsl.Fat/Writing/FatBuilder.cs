using System.Globalization;

namespace CoreosDsl.Fat;

/// <summary>
/// Collects the files and directories of a new FAT16 or FAT32 volume, then plans it (<see cref="Plan"/>): the
/// FAT type and cluster size, 8.3 aliases and long names, and a contiguous run of clusters for every file and
/// directory. The returned <see cref="FatLayout"/> tells where each file lies and writes the volume.
/// <code>
/// var builder = new FatBuilder(new FatFormatOptions { Size = 2048L &lt;&lt; 20, VolumeLabel = "COREOS", HiddenSectors = 2048 });
/// builder.AddFile("coreos/vmlinuz", length, () => File.OpenRead(kernel));
/// builder.ReserveFile("ldlinux.sys", 60416, FatAttributes.ReadOnly | FatAttributes.Hidden | FatAttributes.System);
/// var layout = builder.Plan();
/// layout.WriteTo(stream, offset: 1 &lt;&lt; 20);
/// </code>
/// </summary>
public sealed class FatBuilder
{
    private readonly FatNode _root = FatNode.CreateRoot();
    private FatLayout? _layout;

    /// <summary>A builder for a volume formatted with <paramref name="options"/>.</summary>
    public FatBuilder(FatFormatOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>The format options.</summary>
    public FatFormatOptions Options { get; }

    /// <summary>Adds a directory and any missing parents; adding one that exists does nothing.</summary>
    public void AddDirectory(string path, FatAttributes attributes = FatAttributes.None)
    {
        var parts = LongName.SplitPath(path);
        var parent = EnsureDirectory(parts[..^1], path);
        var existing = parent.Find(parts[^1]);
        if (existing is null)
        {
            parent.AddDirectory(parts[^1], attributes & ~FatAttributes.Directory);
        }
        else if (!existing.IsDirectory)
        {
            throw new ArgumentException($"'{path}': '{existing.Path}' is a file, not a directory.", nameof(path));
        }
    }

    /// <summary>
    /// Adds a file of <paramref name="length"/> bytes whose content <paramref name="open"/> returns when the volume
    /// is written (the stream is read once, sequentially, and disposed). Missing parent directories are added.
    /// </summary>
    public void AddFile(string path, long length, Func<Stream> open, FatAttributes attributes = FatAttributes.None)
    {
        ArgumentNullException.ThrowIfNull(open);
        AddFileNode(path, length, open, reserved: false, attributes);
    }

    /// <summary>Adds a file with the given content.</summary>
    public void AddFile(string path, ReadOnlyMemory<byte> content, FatAttributes attributes = FatAttributes.None)
    {
        var copy = content.ToArray();
        AddFileNode(path, copy.Length, () => new MemoryStream(copy, writable: false), reserved: false, attributes);
    }

    /// <summary>
    /// Adds a file of <paramref name="length"/> bytes whose clusters are allocated (contiguously, like every file)
    /// but not written: a later step writes its content where <see cref="FatLayout.Locate"/> says it lies. The
    /// syslinux installer does this for <c>ldlinux.sys</c>, whose content depends on its own sector numbers.
    /// </summary>
    public void ReserveFile(string path, long length, FatAttributes attributes = FatAttributes.None) =>
        AddFileNode(path, length, open: null, reserved: true, attributes);

    /// <summary>
    /// Plans the volume: chooses the FAT type and cluster size, assigns 8.3 aliases, and allocates every file and
    /// directory. Throws <see cref="FatCapacityException"/> when the size is impossible for the type or the
    /// content does not fit, saying which size would. The builder cannot change afterwards.
    /// </summary>
    public FatLayout Plan()
    {
        if (_layout is not null)
        {
            return _layout;
        }

        AssignShortNames();
        var totalSectors = Options.Size / FatLimits.SectorSize;
        var demand = new Demand(_root, Options.VolumeLabel is not null);
        var geometry = ChooseGeometry(totalSectors, demand, out var failure, out var contentTooLarge);
        if (geometry is null)
        {
            // Only when the content is what does not fit is a larger volume the answer.
            var suggested = contentTooLarge ? SmallestFittingSize(demand) : null;
            var advice = suggested is { } s
                ? $" A volume of {s >> 20} MiB or more fits the content{(Options.Type is { } t ? $" as {Display(t)}" : "")}."
                : contentTooLarge ? " No FAT volume of at most 2 TiB holds it." : "";
            throw new FatCapacityException(failure + advice, suggested);
        }

        _layout = new FatLayout(Options, geometry, _root);
        return _layout;
    }

    private FatGeometry? ChooseGeometry(long totalSectors, Demand demand, out string failure, out bool contentTooLarge)
    {
        var types = Options.Type is { } t ? [t] : new[] { FatType.Fat16, FatType.Fat32 };
        var spc = Options.ClusterSize / FatLimits.SectorSize;
        var reasons = new List<string>();
        contentTooLarge = false;
        foreach (var type in types)
        {
            var rootEntries = type == FatType.Fat16 ? demand.Fat16RootEntries : 0;
            if (rootEntries > FatLimits.MaxFat16RootEntries)
            {
                reasons.Add($"FAT16's root directory holds at most {FatLimits.MaxFat16RootEntries} entries and the root needs {rootEntries}");
                contentTooLarge = true;
                continue;
            }

            var geometry = FatGeometry.Choose(type, totalSectors, rootEntries, spc);
            if (geometry is null)
            {
                reasons.Add(RangeText(type, totalSectors, rootEntries, spc));
                continue;
            }

            var needed = demand.Clusters(type, geometry.BytesPerCluster);
            if (needed <= geometry.ClusterCount)
            {
                failure = "";
                return geometry;
            }

            contentTooLarge = true;
            reasons.Add($"as {Display(type)} with {geometry.BytesPerCluster / 1024.0:0.#} KiB clusters it holds {FormatSize(geometry.ClusterCount * geometry.BytesPerCluster)} " +
                $"and the content needs {FormatSize(needed * geometry.BytesPerCluster)} ({demand.Files} files, {demand.Directories} directories)");
        }

        failure = $"A {FormatSize(totalSectors * FatLimits.SectorSize)} FAT volume cannot be made: {string.Join("; ", reasons)}.";
        return null;
    }

    /// <summary>Why no <paramref name="type"/> layout exists for the size: too small or too large, and the limit.</summary>
    private static string RangeText(FatType type, long totalSectors, int rootEntries, int? spc)
    {
        const long mib = 1 << 20;
        bool Valid(long m) => FatGeometry.Choose(type, m * mib / FatLimits.SectorSize, rootEntries, spc) is not null;
        var size = FormatSize(totalSectors * FatLimits.SectorSize);
        var clusters = spc is { } s ? $"{s * FatLimits.SectorSize}-byte clusters" : "clusters of at most 32 KiB";
        var range = $"{FatGeometry.MinClusters(type)} to {FatGeometry.MaxClusters(type)} {clusters}";

        // Validity is an interval of sizes: find its ends by bisection around a known valid size.
        var known = Enumerable.Range(0, 42).Select(i => 1L << i).FirstOrDefault(Valid);
        if (known == 0)
        {
            return $"{size} is out of range for {Display(type)} ({range}, which no size allows)";
        }

        if (totalSectors * FatLimits.SectorSize < known * mib)
        {
            long lo = 1, hi = known;
            while (lo < hi)
            {
                var mid = lo + ((hi - lo) / 2);
                if (Valid(mid)) { hi = mid; } else { lo = mid + 1; }
            }

            return $"{size} is too small for {Display(type)}: it needs {range}, at least {lo} MiB";
        }
        else
        {
            long lo = known, hi = (2L << 40) / mib;
            while (lo < hi)
            {
                var mid = lo + ((hi - lo + 1) / 2);
                if (Valid(mid)) { lo = mid; } else { hi = mid - 1; }
            }

            var alternative = type == FatType.Fat16 ? "; choose FAT32 or a smaller size" : "";
            return $"{size} is too large for {Display(type)}: it allows {range}, at most {lo} MiB{alternative}";
        }
    }

    /// <summary>The smallest whole-MiB size, from the requested one up, at which the content fits, or null.</summary>
    private long? SmallestFittingSize(Demand demand)
    {
        const long mib = 1 << 20;
        const long maxMib = (2L << 40) / mib - 1;
        bool Fits(long m) => ChooseGeometry(m * mib / FatLimits.SectorSize, demand, out _, out _) is not null;

        // Grow until something fits, then narrow down between the last failure and the first fit.
        long low = Math.Max(Options.Size / mib, demand.MinimumBytes / mib), high = low;
        while (!Fits(high))
        {
            low = high + 1;
            if (high >= maxMib)
            {
                return null;
            }

            high = Math.Min(maxMib, high * 2);
        }

        while (low < high)
        {
            var mid = low + ((high - low) / 2);
            if (Fits(mid))
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        return high * mib;
    }

    private void AddFileNode(string path, long length, Func<Stream>? open, bool reserved, FatAttributes attributes)
    {
        ThrowIfPlanned();
        if (length < 0 || length > FatLimits.MaxFileSize)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, $"'{path}': a FAT file holds 0 to {FatLimits.MaxFileSize} bytes.");
        }

        if ((attributes & (FatAttributes.Directory | FatAttributes.VolumeLabel)) != 0)
        {
            throw new ArgumentException($"'{path}': a file cannot have the Directory or VolumeLabel attribute.", nameof(attributes));
        }

        var parts = LongName.SplitPath(path);
        EnsureDirectory(parts[..^1], path).AddFile(parts[^1], length, open, reserved, attributes);
    }

    private FatNode EnsureDirectory(string[] parts, string path)
    {
        ThrowIfPlanned();
        var node = _root;
        foreach (var part in parts)
        {
            var next = node.Find(part);
            if (next is null)
            {
                next = node.AddDirectory(part, FatAttributes.None);
            }
            else if (!next.IsDirectory)
            {
                throw new ArgumentException($"'{path}': '{next.Path}' is a file, not a directory.", nameof(path));
            }

            node = next;
        }

        return node;
    }

    private void AssignShortNames()
    {
        foreach (var directory in _root.DescendantsAndSelf().Where(n => n.IsDirectory))
        {
            var table = new ShortNameTable();
            foreach (var child in directory.Children)
            {
                child.ShortName = table.Assign(child.Name);
            }
        }
    }

    private void ThrowIfPlanned()
    {
        if (_layout is not null)
        {
            throw new InvalidOperationException("The volume is already planned: add files before calling Plan().");
        }
    }

    private static string Display(FatType type) => type switch { FatType.Fat12 => "FAT12", FatType.Fat16 => "FAT16", _ => "FAT32" };

    internal static string FormatSize(long bytes) => bytes switch
    {
        >= 1L << 30 when bytes % (1L << 20) == 0 && bytes % (1L << 30) != 0 => $"{bytes >> 20} MiB",
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.##} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.##} MiB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.##} KiB"),
        _ => $"{bytes} bytes",
    };

    /// <summary>What the content needs, independent of the layout: entries per directory and file lengths.</summary>
    private sealed class Demand
    {
        private readonly List<long> _fileLengths = [];
        private readonly List<int> _subdirectoryEntries = [];
        private readonly int _rootEntries;

        public Demand(FatNode root, bool withLabel)
        {
            _rootEntries = root.EntryCount(withLabel);
            foreach (var node in root.DescendantsAndSelf().Skip(1))
            {
                if (node.IsDirectory)
                {
                    _subdirectoryEntries.Add(node.EntryCount(withLabel));
                }
                else
                {
                    _fileLengths.Add(node.Length);
                }
            }

            Fat16RootEntries = Math.Max(FatGeometry.DefaultRootEntries, (_rootEntries + 15) / 16 * 16);
            MinimumBytes = _fileLengths.Sum() + ((_subdirectoryEntries.Sum() + _rootEntries) * (long)FatLimits.DirectoryEntrySize);
        }

        public int Files => _fileLengths.Count;

        public int Directories => _subdirectoryEntries.Count;

        /// <summary>FAT16 root directory entries: 512, or more when the root holds more, in whole sectors.</summary>
        public int Fat16RootEntries { get; }

        /// <summary>A lower bound of the bytes needed.</summary>
        public long MinimumBytes { get; }

        /// <summary>Clusters needed with <paramref name="clusterBytes"/>-byte clusters (FAT32 also puts the root in clusters).</summary>
        public long Clusters(FatType type, int clusterBytes)
        {
            long Up(long bytes) => (bytes + clusterBytes - 1) / clusterBytes;
            var clusters = _fileLengths.Sum(Up) + _subdirectoryEntries.Sum(e => Up(e * (long)FatLimits.DirectoryEntrySize));
            if (type == FatType.Fat32)
            {
                clusters += Math.Max(1, Up(_rootEntries * (long)FatLimits.DirectoryEntrySize));
            }

            return clusters;
        }
    }
}
