using System.Text;
using CoreosDsl.Mbr;

namespace CoreosDsl.Iso9660;

/// <summary>
/// Plans an image before a byte is written: names, record order and Rock Ridge entries of both trees, directory
/// sizes, continuation areas, path tables, and the sector of everything. The order on disk is: system area,
/// volume descriptors, primary directories, continuation areas, primary path tables (L, M), Joliet directories,
/// Joliet path tables, boot catalog, boot images, then all other file data in path order.
/// </summary>
internal sealed class ImageLayout
{
    /// <summary>The isohybrid image size unit: one 64-head, 32-sector cylinder (1 MiB) = 512 sectors.</summary>
    private static readonly int CylinderSectors = DiskGeometry.Isohybrid.SectorsPerCylinder * 512 / Sector.Size;

    /// <summary>isolinux.bin carries this at offset 0x40 when it supports isohybrid booting.</summary>
    private static ReadOnlySpan<byte> IsolinuxHybridSignature => [0xFB, 0xC0, 0x78, 0x70];

    /// <summary>The staged node of each child record (for Rock Ridge entries).</summary>
    private readonly Dictionary<LayoutRecord, StagedNode> _recordNodes = new(ReferenceEqualityComparer.Instance);

    private ImageLayout(IsoBuilder builder, ImageTimestamps times)
    {
        Builder = builder;
        Times = times;
    }

    public IsoBuilder Builder { get; }

    public ImageTimestamps Times { get; }

    public List<LayoutDirectory> PrimaryDirectories { get; } = [];

    public List<LayoutDirectory> JolietDirectories { get; } = [];

    public byte[] PrimaryPathTableL { get; private set; } = [];

    public byte[] PrimaryPathTableM { get; private set; } = [];

    public byte[] JolietPathTableL { get; private set; } = [];

    public byte[] JolietPathTableM { get; private set; } = [];

    public uint PrimaryPathTableLLba { get; private set; }

    public uint PrimaryPathTableMLba { get; private set; }

    public uint JolietPathTableLLba { get; private set; }

    public uint JolietPathTableMLba { get; private set; }

    public uint? BootRecordLba { get; private set; }

    public uint? JolietDescriptorLba { get; private set; }

    public uint TerminatorLba { get; private set; }

    public uint ContinuationLba { get; private set; }

    public int ContinuationSectors { get; private set; }

    /// <summary>The boot catalog file (generated), when the image boots.</summary>
    public LayoutFile? Catalog { get; private set; }

    public LayoutFile? BiosBootImage { get; private set; }

    public LayoutFile? EfiBootImage { get; private set; }

    /// <summary>File data in the order written (catalog excluded).</summary>
    public List<LayoutFile> Files { get; } = [];

    /// <summary>The image size in sectors (the volume space size), padding included.</summary>
    public uint TotalSectors { get; private set; }

    /// <summary>Plans the image <paramref name="builder"/> describes.</summary>
    public static ImageLayout Plan(IsoBuilder builder)
    {
        var layout = new ImageLayout(builder, ImageTimestamps.Resolve(builder.Timestamp));
        var files = new Dictionary<StagedFile, LayoutFile>(ReferenceEqualityComparer.Instance);
        var virtualChildren = layout.PlanBoot(files);

        layout.BuildTree(layout.PrimaryDirectories, files, virtualChildren, joliet: false);
        if (builder.RockRidge)
        {
            layout.AddRockRidge();
        }

        if (builder.Joliet)
        {
            layout.BuildTree(layout.JolietDirectories, files, virtualChildren, joliet: true);
        }

        layout.AssignLocations(files);
        return layout;
    }

    /// <summary>Finds the boot images and adds the catalog as a file of the tree.</summary>
    private Dictionary<StagedDirectory, List<StagedNode>> PlanBoot(Dictionary<StagedFile, LayoutFile> files)
    {
        var virtualChildren = new Dictionary<StagedDirectory, List<StagedNode>>(ReferenceEqualityComparer.Instance);
        if (Builder.Boot is not { } boot)
        {
            return virtualChildren;
        }

        if (boot.BiosBootImage is null && boot.EfiBootImage is null)
        {
            throw new InvalidOperationException("ElToritoBoot needs a BiosBootImage, an EfiBootImage, or both.");
        }

        if (boot.BiosBootImage is { } biosPath)
        {
            var bios = RequireFile(biosPath, "El Torito BIOS boot image");
            if (boot.BiosLoadSectors == 0)
            {
                throw new InvalidOperationException("ElToritoBoot.BiosLoadSectors must be at least 1 (isolinux.bin uses 4).");
            }

            BiosBootImage = LayoutFileFor(bios, biosPath, files);
            BiosBootImage.PatchBootInfoTable = boot.BootInfoTable;
            if (boot.BootInfoTable && bios.Source.Length < BootInfoTable.ChecksumStart)
            {
                throw new InvalidOperationException($"The BIOS boot image '{biosPath}' is {bios.Source.Length} bytes, too short for a boot info table (64 bytes at least).");
            }

            if (boot.Isohybrid is not null)
            {
                RequireIsohybridSignature(bios, biosPath);
            }
        }
        else if (boot.Isohybrid is not null)
        {
            throw new InvalidOperationException("An isohybrid MBR boots the BIOS boot image (isolinux.bin): set ElToritoBoot.BiosBootImage.");
        }

        if (boot.EfiBootImage is { } efiPath)
        {
            EfiBootImage = LayoutFileFor(RequireFile(efiPath, "El Torito EFI boot image"), efiPath, files);
        }

        // The catalog appears in the tree as a read-only file, like xorriso's boot.cat.
        var parts = StagedPath.Split(boot.CatalogPath);
        if (parts.Length == 0)
        {
            throw new InvalidOperationException("ElToritoBoot.CatalogPath must name a file, such as 'isolinux/boot.cat'.");
        }

        if (Builder.Find(boot.CatalogPath) is not null)
        {
            throw new InvalidOperationException($"The boot catalog path '{boot.CatalogPath}' is already taken by an entry of the tree; choose another CatalogPath.");
        }

        var parentPath = string.Join('/', parts[..^1]);
        if (Builder.Find(parentPath) is not StagedDirectory parent)
        {
            throw new InvalidOperationException($"The boot catalog path '{boot.CatalogPath}' needs the directory '/{parentPath}' in the tree.");
        }

        var catalogNode = new StagedFile(parts[^1], IsoFileSource.FromBytes(new byte[Sector.Size], (UnixFileMode)0x124, null));
        Catalog = new LayoutFile("/" + string.Join('/', parts), null, Sector.Size);
        files[catalogNode] = Catalog;
        virtualChildren[parent] = [catalogNode];
        return virtualChildren;
    }

    private StagedFile RequireFile(string path, string what) =>
        Builder.Find(path) as StagedFile ?? throw new InvalidOperationException($"The {what} '{path}' is not a file of the tree; add it before writing.");

    private static LayoutFile LayoutFileFor(StagedFile node, string path, Dictionary<StagedFile, LayoutFile> files)
    {
        if (!files.TryGetValue(node, out var file))
        {
            file = new LayoutFile("/" + string.Join('/', StagedPath.Split(path)), node.Source, node.Source.Length);
            files[node] = file;
        }

        return file;
    }

    private static void RequireIsohybridSignature(StagedFile bios, string path)
    {
        var head = new byte[0x44];
        using (var stream = bios.Source.Open())
        {
            var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            if (read < head.Length || !head.AsSpan(0x40).SequenceEqual(IsolinuxHybridSignature))
            {
                throw new InvalidOperationException(
                    $"The BIOS boot image '{path}' lacks isolinux's isohybrid signature FB C0 78 70 at offset 0x40: an isohybrid MBR can only start " +
                    "isolinux.bin from syslinux 3.72 or later.");
            }
        }
    }

    /// <summary>Builds one tree's directories in breadth-first order (the path table order) with sorted records.</summary>
    private void BuildTree(List<LayoutDirectory> directories, Dictionary<StagedFile, LayoutFile> files,
        Dictionary<StagedDirectory, List<StagedNode>> virtualChildren, bool joliet)
    {
        var root = new LayoutDirectory(Builder.Root, null, [0]);
        var queue = new Queue<(LayoutDirectory Directory, string Path)>();
        queue.Enqueue((root, ""));
        while (queue.Count > 0)
        {
            var (directory, path) = queue.Dequeue();
            directories.Add(directory);
            directory.Number = directories.Count;
            if (directory.Number > ushort.MaxValue)
            {
                throw new InvalidOperationException($"The tree has more than {ushort.MaxValue} directories; ISO 9660 path tables number directories with 16 bits.");
            }

            var parent = directory.Parent ?? directory;
            directory.Records.Add(new LayoutRecord { Identifier = [0], Directory = directory, Time = Times.For(directory.Node.ModificationTime) });
            directory.Records.Add(new LayoutRecord { Identifier = [1], Directory = parent, Time = Times.For(parent.Node.ModificationTime) });

            var children = directory.Node.Children.Values.AsEnumerable();
            if (virtualChildren.TryGetValue(directory.Node, out var extra))
            {
                children = children.Concat(extra).OrderBy(c => c.Name, StringComparer.Ordinal);
            }

            var list = children.Where(c => !(joliet && c is StagedSymbolicLink)).ToList();
            var named = joliet ? NameJoliet(list) : NameIso9660(list);
            foreach (var (child, identifier) in named)
            {
                var childPath = path + "/" + child.Name;
                var time = Times.For(child.ModificationTime);
                switch (child)
                {
                    case StagedDirectory subdirectory:
                        var layoutChild = new LayoutDirectory(subdirectory, directory, identifier);
                        directory.Records.Add(new LayoutRecord { Identifier = identifier, Directory = layoutChild, Time = time });
                        queue.Enqueue((layoutChild, childPath));
                        break;
                    case StagedFile file:
                        directory.Records.Add(new LayoutRecord { Identifier = identifier, File = LayoutFileFor(file, childPath, files), Time = time });
                        break;
                    default:
                        directory.Records.Add(new LayoutRecord { Identifier = identifier, Time = time });
                        break;
                }

                _recordNodes[directory.Records[^1]] = child;
            }
        }
    }

    private List<(StagedNode Node, byte[] Identifier)> NameIso9660(List<StagedNode> children)
    {
        var identifiers = Iso9660Names.Assign(children.Select(c => (c.Name, c is StagedDirectory)).ToList(), Builder.InterchangeLevel);
        return children.Zip(identifiers)
            .OrderBy(p => p.Second, Comparer<Iso9660Names.Identifier>.Create(Iso9660Names.Compare))
            .Select(p => (p.First, p.Second.ToBytes())).ToList();
    }

    private static List<(StagedNode Node, byte[] Identifier)> NameJoliet(List<StagedNode> children)
    {
        var names = JolietNames.Assign(children.Select(c => c.Name).ToList());
        return children.Zip(names).OrderBy(p => p.Second, StringComparer.Ordinal).Select(p => (p.First, TextField.EncodeUcs2(p.Second))).ToList();
    }

    /// <summary>Adds the Rock Ridge entries of every primary record and moves what does not fit to continuation areas.</summary>
    private void AddRockRidge()
    {
        foreach (var directory in PrimaryDirectories)
        {
            var isRoot = directory.Parent is null;
            foreach (var record in directory.Records)
            {
                var entries = new List<SuspEntry>();
                if (record.Identifier is [0])
                {
                    if (isRoot)
                    {
                        entries.Add(new SharingProtocolEntry().ToEntry());
                    }

                    entries.AddRange(RockRidgeEntries.Attributes(directory.Node, record.Time));
                    if (isRoot)
                    {
                        entries.Add(ExtensionReferenceEntry.RockRidge.ToEntry());
                    }
                }
                else if (record.Identifier is [1])
                {
                    entries.AddRange(RockRidgeEntries.Attributes(record.Directory!.Node, record.Time));
                }
                else
                {
                    var node = _recordNodes[record];
                    entries.AddRange(RockRidgeEntries.Attributes(node, record.Time));
                    entries.AddRange(AlternateNameEntry.For(Encoding.UTF8.GetBytes(node.Name)).Select(e => e.ToEntry()));
                    if (node is StagedSymbolicLink link)
                    {
                        entries.AddRange(SymbolicLinkEntry.For(link.Target).Select(e => e.ToEntry()));
                    }
                }

                RockRidgeEntries.Place(record, entries);
            }
        }
    }

    /// <summary>Gives every structure and file its sector, in the order they are written.</summary>
    private void AssignLocations(Dictionary<StagedFile, LayoutFile> files)
    {
        long lba = Sector.PrimaryVolumeDescriptorLba + 1;
        if (Builder.Boot is not null)
        {
            BootRecordLba = (uint)lba++;
        }

        if (Builder.Joliet)
        {
            JolietDescriptorLba = (uint)lba++;
        }

        TerminatorLba = (uint)lba++;
        lba = PlaceDirectories(PrimaryDirectories, lba);

        // Continuation areas: packed into whole sectors, none crossing a sector boundary.
        ContinuationLba = (uint)lba;
        var sectorIndex = 0;
        var offset = 0;
        var any = false;
        foreach (var record in PrimaryDirectories.SelectMany(d => d.Records).Where(r => r.Continuation is not null))
        {
            if (offset + record.Continuation!.Length > Sector.Size)
            {
                sectorIndex++;
                offset = 0;
            }

            record.ContinuationLba = (uint)(ContinuationLba + sectorIndex);
            record.ContinuationOffset = (uint)offset;
            offset += record.Continuation.Length;
            any = true;
        }

        ContinuationSectors = any ? sectorIndex + 1 : 0;
        lba += ContinuationSectors;

        (PrimaryPathTableL, PrimaryPathTableM) = BuildPathTables(PrimaryDirectories);
        PrimaryPathTableLLba = (uint)lba;
        lba += Sector.Count(PrimaryPathTableL.Length);
        PrimaryPathTableMLba = (uint)lba;
        lba += Sector.Count(PrimaryPathTableM.Length);

        if (Builder.Joliet)
        {
            lba = PlaceDirectories(JolietDirectories, lba);
            (JolietPathTableL, JolietPathTableM) = BuildPathTables(JolietDirectories);
            JolietPathTableLLba = (uint)lba;
            lba += Sector.Count(JolietPathTableL.Length);
            JolietPathTableMLba = (uint)lba;
            lba += Sector.Count(JolietPathTableM.Length);
        }

        if (Catalog is not null)
        {
            Catalog.Lba = (uint)lba++;
        }

        // Boot images first (as xorriso does), then every other file in path order of the primary tree.
        var ordered = new List<LayoutFile>();
        var seen = new HashSet<LayoutFile>(ReferenceEqualityComparer.Instance);
        if (Catalog is not null)
        {
            seen.Add(Catalog);
        }

        foreach (var file in new[] { BiosBootImage, EfiBootImage }.OfType<LayoutFile>().Concat(PrimaryFilesInPathOrder()).Concat(files.Values))
        {
            if (seen.Add(file))
            {
                ordered.Add(file);
            }
        }

        foreach (var file in ordered)
        {
            if (file.Length > uint.MaxValue)
            {
                throw new InvalidOperationException($"'{file.Path}' is {file.Length} bytes; an ISO 9660 extent holds at most {uint.MaxValue} bytes and multi-extent files are not written.");
            }

            file.Lba = file.Length == 0 ? 0 : (uint)lba;
            lba += file.Sectors;
            Files.Add(file);
        }

        lba += Builder.PaddingSectors;
        if (Builder.Boot?.Isohybrid is not null)
        {
            lba = (lba + CylinderSectors - 1) / CylinderSectors * CylinderSectors;
        }

        if (lba > uint.MaxValue)
        {
            throw new InvalidOperationException($"The image would have {lba} sectors; ISO 9660 counts at most {uint.MaxValue}.");
        }

        TotalSectors = (uint)lba;
    }

    private IEnumerable<LayoutFile> PrimaryFilesInPathOrder()
    {
        var stack = new Stack<LayoutDirectory>();
        stack.Push(PrimaryDirectories[0]);
        while (stack.Count > 0)
        {
            var directory = stack.Pop();
            foreach (var record in directory.Records.Skip(2))
            {
                if (record.File is not null)
                {
                    yield return record.File;
                }
            }

            foreach (var record in directory.Records.Skip(2).Where(r => r.Directory is not null).Reverse())
            {
                stack.Push(record.Directory!);
            }
        }
    }

    /// <summary>Sizes each directory (records never cross a sector) and gives it consecutive sectors.</summary>
    private static long PlaceDirectories(List<LayoutDirectory> directories, long lba)
    {
        foreach (var directory in directories)
        {
            var position = 0L;
            foreach (var record in directory.Records)
            {
                if (position % Sector.Size + record.Length > Sector.Size)
                {
                    position = (position / Sector.Size + 1) * Sector.Size;
                }

                position += record.Length;
            }

            var size = Sector.Count(position) * Sector.Size;
            if (size > DirectoryReader.MaxDirectoryLength)
            {
                throw new InvalidOperationException($"A directory with {directory.Records.Count - 2} entries needs {size} bytes of records; at most {DirectoryReader.MaxDirectoryLength} are supported.");
            }

            directory.Size = (uint)size;
            directory.Lba = (uint)lba;
            lba += size / Sector.Size;
        }

        return lba;
    }

    private static (byte[] L, byte[] M) BuildPathTables(List<LayoutDirectory> directories)
    {
        var records = directories.Select(d => new PathTableRecord
        {
            Identifier = d.Identifier,
            ExtentLba = d.Lba,
            ParentNumber = (ushort)(d.Parent?.Number ?? 1),
        }).ToList();
        var size = records.Sum(r => r.Length);
        byte[] little = new byte[size], big = new byte[size];
        var position = 0;
        foreach (var record in records)
        {
            record.WriteTo(little.AsSpan(position), bigEndian: false);
            position += record.WriteTo(big.AsSpan(position), bigEndian: true);
        }

        return (little, big);
    }
}
