using CoreosDsl.Mbr;

namespace CoreosDsl.Iso9660;

/// <summary>
/// An opened ISO 9660 image: its volume descriptors, directory tree, El Torito boot catalog and system area.
/// Everything but the descriptors and the 32 KiB system area is read lazily from the stream; file data is never
/// loaded into memory. Dispose to release the stream (unless it was opened with leaveOpen).
/// </summary>
public sealed class IsoImage : IDisposable
{
    /// <summary>Volume descriptors after this many without a terminator mean the image is not a well-formed ISO.</summary>
    private const int MaxVolumeDescriptors = 64;

    private readonly PrimaryVolumeDescriptor _primary;
    private readonly byte[] _systemArea;
    private readonly Lazy<ElToritoCatalog?> _bootCatalog;
    private IsoDirectory? _root;

    private IsoImage(ImageSource source, PrimaryVolumeDescriptor primary, PrimaryVolumeDescriptor? joliet, BootRecordVolumeDescriptor? bootRecord,
        byte[] systemArea, IsoNamespace ns, bool hasRockRidge, int suspSkipLength)
    {
        Source = source;
        _primary = primary;
        JolietDescriptor = joliet;
        _systemArea = systemArea;
        Namespace = ns;
        HasRockRidge = hasRockRidge;
        SuspSkipLength = suspSkipLength;
        _bootCatalog = new Lazy<ElToritoCatalog?>(() => bootRecord is null ? null : ReadBootCatalog(bootRecord.BootCatalogLba));
    }

    /// <summary>The volume identifier (label) of the primary volume descriptor.</summary>
    public string VolumeIdentifier => _primary.VolumeIdentifier;

    /// <summary>The system identifier of the primary volume descriptor.</summary>
    public string SystemIdentifier => _primary.SystemIdentifier;

    /// <summary>The publisher identifier of the primary volume descriptor.</summary>
    public string PublisherIdentifier => _primary.PublisherIdentifier;

    /// <summary>The data preparer identifier of the primary volume descriptor.</summary>
    public string DataPreparerIdentifier => _primary.DataPreparerIdentifier;

    /// <summary>The application identifier of the primary volume descriptor.</summary>
    public string ApplicationIdentifier => _primary.ApplicationIdentifier;

    /// <summary>The volume creation time, when recorded.</summary>
    public DateTimeOffset? CreationTime => _primary.CreationTime;

    /// <summary>The volume modification time, when recorded.</summary>
    public DateTimeOffset? ModificationTime => _primary.ModificationTime;

    /// <summary>The volume size in 2048-byte sectors, as the primary volume descriptor records it.</summary>
    public uint VolumeSectorCount => _primary.VolumeSpaceSize;

    /// <summary>The tree and names this reader presents.</summary>
    public IsoNamespace Namespace { get; }

    /// <summary>True when the primary tree carries Rock Ridge entries (an SP entry in the root).</summary>
    public bool HasRockRidge { get; }

    /// <summary>True when the image has a Joliet supplementary volume descriptor.</summary>
    public bool HasJoliet => JolietDescriptor is not null;

    /// <summary>The root directory of the presented tree.</summary>
    public IsoDirectory RootDirectory => _root ?? throw new InvalidOperationException("The image is not loaded.");

    /// <summary>
    /// The El Torito boot catalog, or <c>null</c> when the image has no El Torito boot record. Read on first use;
    /// throws <see cref="InvalidDataException"/> when the catalog is malformed.
    /// </summary>
    public ElToritoCatalog? BootCatalog => _bootCatalog.Value;

    /// <summary>The first 32 KiB of the image (sectors 0 to 15): MBR boot code and partition tables of a hybrid image.</summary>
    public ReadOnlyMemory<byte> SystemArea => _systemArea;

    /// <summary>The MBR in the system area, or <c>null</c> when it has no 55 AA signature or a malformed partition entry.</summary>
    public MasterBootRecord? MasterBootRecord => MasterBootRecord.TryParse(_systemArea, out var mbr, out _) ? mbr : null;

    internal ImageSource Source { get; }

    internal PrimaryVolumeDescriptor PrimaryDescriptor => _primary;

    internal PrimaryVolumeDescriptor? JolietDescriptor { get; }

    /// <summary>The SUSP skip length from the root's SP entry.</summary>
    internal int SuspSkipLength { get; }

    /// <summary>Every entry of the tree, depth first, each directory before its contents, in recorded order.</summary>
    public IEnumerable<IsoEntry> EnumerateEntries()
    {
        var stack = new Stack<IsoEntry>();
        stack.Push(RootDirectory);
        while (stack.Count > 0)
        {
            var entry = stack.Pop();
            if (entry != RootDirectory)
            {
                yield return entry;
            }

            if (entry is IsoDirectory directory)
            {
                for (var i = directory.Entries.Count - 1; i >= 0; i--)
                {
                    stack.Push(directory.Entries[i]);
                }
            }
        }
    }

    /// <summary>Every regular file of the tree, depth first.</summary>
    public IEnumerable<IsoFile> EnumerateFiles() => EnumerateEntries().OfType<IsoFile>();

    /// <summary>The entry at <paramref name="path"/> ("isolinux/isolinux.cfg" or "/isolinux/isolinux.cfg"), or <c>null</c>.</summary>
    public IsoEntry? GetEntry(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        IsoEntry current = RootDirectory;
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (current is not IsoDirectory directory || directory.GetEntry(part) is not { } next)
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    /// <summary>Opens the file at <paramref name="path"/> as a read-only stream over its extent.</summary>
    /// <exception cref="FileNotFoundException">No regular file has that path.</exception>
    public Stream OpenFile(string path) =>
        GetEntry(path) is IsoFile file ? file.Open() : throw new FileNotFoundException($"The image has no file '{path}'.", path);

    /// <summary>Releases the stream (unless the image was opened with leaveOpen).</summary>
    public void Dispose() => Source.Dispose();

    /// <summary>Reads the descriptors, the system area and the root; see <see cref="IsoReader"/>.</summary>
    internal static IsoImage Load(ImageSource source, IsoReaderOptions options)
    {
        const long minimum = Sector.SystemAreaSize + Sector.Size;
        if (source.Length < minimum)
        {
            throw new InvalidDataException(
                $"The image is {source.Length} bytes; an ISO 9660 image has at least {minimum} (a 32 KiB system area and a volume descriptor).");
        }

        var systemArea = new byte[Sector.SystemAreaSize];
        source.Read(0, systemArea, "the system area");

        PrimaryVolumeDescriptor? primary = null, joliet = null;
        BootRecordVolumeDescriptor? bootRecord = null;
        var sector = new byte[Sector.Size];
        for (var lba = Sector.PrimaryVolumeDescriptorLba; ; lba++)
        {
            var offset = Sector.Offset(lba);
            if (lba == Sector.PrimaryVolumeDescriptorLba + MaxVolumeDescriptors)
            {
                throw new InvalidDataException($"No volume descriptor set terminator among the {MaxVolumeDescriptors} descriptors from offset {Sector.SystemAreaSize}.");
            }

            if (offset + Sector.Size > source.Length)
            {
                throw new InvalidDataException(
                    $"The image ends at offset {source.Length}, inside the volume descriptor set that starts at offset {Sector.SystemAreaSize} " +
                    "(no terminator found): the image is truncated.");
            }

            source.Read(offset, sector, "a volume descriptor");
            var type = VolumeDescriptorHeader.ReadType(sector, offset);
            if (type == VolumeDescriptorType.SetTerminator)
            {
                break;
            }

            switch (type)
            {
                case VolumeDescriptorType.Primary when primary is null:
                    primary = PrimaryVolumeDescriptor.Parse(sector, offset);
                    RequireUsable(primary, offset, source);
                    break;
                case VolumeDescriptorType.Supplementary when joliet is null:
                    var supplementary = PrimaryVolumeDescriptor.Parse(sector, offset);
                    if (supplementary.IsJoliet)
                    {
                        RequireUsable(supplementary, offset, source);
                        joliet = supplementary;
                    }

                    break;
                case VolumeDescriptorType.BootRecord when bootRecord is null:
                    var boot = BootRecordVolumeDescriptor.Parse(sector, offset);
                    bootRecord = boot.IsElTorito ? boot : null;
                    break;
            }
        }

        if (primary is null)
        {
            throw new InvalidDataException($"The volume descriptor set from offset {Sector.SystemAreaSize} has no primary volume descriptor (type 1).");
        }

        // Rock Ridge shows as an SP entry at the start of the system use area of the root's "." record.
        var rootOffset = Sector.Offset(primary.RootDirectory.ExtentLba);
        DirectoryReader.RequireDirectoryExtent("/", primary.RootDirectory.ExtentLba, primary.RootDirectory.DataLength, rootOffset, source);
        var firstSector = source.ReadMetadata(rootOffset, (int)Math.Min(Sector.Size, primary.RootDirectory.DataLength), "the root directory");
        var self = DirectoryRecord.Parse(firstSector, rootOffset);
        var hasRockRidge = SharingProtocolEntry.IsPresent(self.SystemUse);
        var skip = hasRockRidge ? SharingProtocolEntry.Parse(SuspEntry.ParseArea(self.SystemUse, rootOffset + self.SystemUseOffset)[0].Entry, rootOffset + self.SystemUseOffset).SkipLength : 0;

        var ns = options.Namespace ?? (hasRockRidge ? IsoNamespace.RockRidge : joliet is not null ? IsoNamespace.Joliet : IsoNamespace.Iso9660);
        if (ns == IsoNamespace.RockRidge && !hasRockRidge)
        {
            throw new InvalidDataException($"The image has no Rock Ridge entries (no SP entry in the root's first record at offset {rootOffset}).");
        }

        if (ns == IsoNamespace.Joliet && joliet is null)
        {
            throw new InvalidDataException("The image has no Joliet supplementary volume descriptor.");
        }

        var image = new IsoImage(source, primary, joliet, bootRecord, systemArea, ns, hasRockRidge, skip);
        var rootRecord = ns == IsoNamespace.Joliet ? joliet!.RootDirectory : primary.RootDirectory;
        var attributes = new IsoEntry.EntryAttributes((UnixFileMode)0x16D, null, null, rootRecord.RecordingTime ?? DateTimeOffset.UnixEpoch, null);
        if (ns == IsoNamespace.RockRidge)
        {
            var rr = RockRidgeAttributes.Read(self, rootOffset, 0, source);
            attributes = new IsoEntry.EntryAttributes(rr.Mode is { } m ? (UnixFileMode)(m & 0xFFF) : attributes.Mode, rr.Uid, rr.Gid,
                rr.Modified ?? attributes.ModificationTime, rr.Accessed);
        }

        image._root = new IsoDirectory(image, null, "", "", attributes, rootRecord.ExtentLba, rootRecord.DataLength);
        return image;
    }

    private static void RequireUsable(PrimaryVolumeDescriptor descriptor, long offset, ImageSource source)
    {
        if (descriptor.LogicalBlockSize != Sector.Size)
        {
            throw new InvalidDataException(
                $"The volume descriptor at offset {offset} has a logical block size of {descriptor.LogicalBlockSize} at offset " +
                $"{offset + PrimaryVolumeDescriptor.LogicalBlockSizeOffset}; only {Sector.Size} is supported.");
        }

        var declared = Sector.Offset(descriptor.VolumeSpaceSize);
        if (declared > source.Length)
        {
            throw new InvalidDataException(
                $"The volume descriptor at offset {offset} declares {descriptor.VolumeSpaceSize} sectors ({declared} bytes), but the image has " +
                $"only {source.Length} bytes: the image is truncated.");
        }

        if (!descriptor.RootDirectory.IsDirectory)
        {
            throw new InvalidDataException(
                $"The root directory record at offset {offset + PrimaryVolumeDescriptor.RootDirectoryRecordOffset} is not flagged as a directory.");
        }
    }

    private ElToritoCatalog ReadBootCatalog(uint lba)
    {
        var offset = Sector.Offset(lba);
        Source.RequireInside(offset, Sector.Size, "the El Torito boot catalog");
        var data = new byte[(int)Math.Min(ElToritoCatalog.MaxCatalogBytes, Source.Length - offset)];
        Source.Read(offset, data, "the El Torito boot catalog");
        return ElToritoCatalog.Parse(data, lba);
    }
}
