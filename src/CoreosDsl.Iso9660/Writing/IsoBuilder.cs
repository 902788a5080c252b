using CoreosDsl.IO;
using System.Text;

namespace CoreosDsl.Iso9660;

/// <summary>
/// Stages a tree of files and writes it as an ISO 9660 image at the level of <c>xorriso -as mkisofs -R -J</c>:
/// ISO 9660 names (level 1 or 2) for the primary tree, Rock Ridge names, permissions and times, a Joliet tree,
/// and optionally El Torito boot entries and an isohybrid MBR. Output is deterministic: the same tree, sources and
/// timestamp give the same bytes (set <see cref="Timestamp"/> or SOURCE_DATE_EPOCH).
/// </summary>
/// <example>
/// A one-file image in two lines:
/// <code>
/// var iso = new IsoBuilder { VolumeIdentifier = "NOTES" }.AddFile("docs/readme.txt", IsoFileSource.FromText(text));
/// iso.WriteToFile("notes.iso");
/// </code>
/// </example>
public sealed class IsoBuilder
{
    private string _volumeIdentifier = "CDROM";
    private int _interchangeLevel = 1;
    private int _paddingSectors = 150;

    /// <summary>Creates an empty tree.</summary>
    public IsoBuilder()
    {
    }

    /// <summary>
    /// The volume identifier (label), at most 32 printable ASCII characters. Recorded as given, so labels such as
    /// <c>config-2</c> keep their case (like xorriso -V); the Joliet label keeps the first 16 characters.
    /// </summary>
    public string VolumeIdentifier
    {
        get => _volumeIdentifier;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Length is 0 or > 32 || value.Any(c => c is < ' ' or > '~'))
            {
                throw new ArgumentException($"The volume identifier '{value}' must be 1 to 32 printable ASCII characters.", nameof(value));
            }

            _volumeIdentifier = value;
        }
    }

    /// <summary>The publisher identifier (at most 128 ASCII characters).</summary>
    public string PublisherIdentifier { get; set; } = "";

    /// <summary>The application identifier (at most 128 ASCII characters).</summary>
    public string ApplicationIdentifier { get; set; } = "";

    /// <summary>Record Rock Ridge entries (POSIX names, permissions, times, symbolic links). On by default.</summary>
    public bool RockRidge { get; set; } = true;

    /// <summary>Record a Joliet tree (UCS-2 names up to 64 characters, for Windows and 7-Zip). On by default.</summary>
    public bool Joliet { get; set; } = true;

    /// <summary>
    /// The ISO 9660 interchange level of primary names: 1 (8.3 names, the default, as xorriso -as mkisofs) or 2
    /// (up to 30 characters). Rock Ridge and Joliet names are unaffected.
    /// </summary>
    public int InterchangeLevel
    {
        get => _interchangeLevel;
        set => _interchangeLevel = value is 1 or 2 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The interchange level is 1 or 2.");
    }

    /// <summary>
    /// The image time. When set (or when SOURCE_DATE_EPOCH is set in the environment) the volume records it and
    /// entry times later than it are clamped to it, for reproducible output; otherwise the current time is used.
    /// </summary>
    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>
    /// Zero sectors written after the last file and counted in the volume size: 150 (300 KiB), as mkisofs and xorriso
    /// pad by default, because Linux CD-ROM read-ahead and volume probes such as busybox findfs (which reads the first
    /// 68 KiB at once) fail on images that end right after their data. An isohybrid image is then rounded up to 1 MiB.
    /// </summary>
    public int PaddingSectors
    {
        get => _paddingSectors;
        set => _paddingSectors = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Padding cannot be negative.");
    }

    /// <summary>El Torito boot entries and isohybrid MBR, or <c>null</c> for an image that does not boot.</summary>
    public ElToritoBoot? Boot { get; set; }

    /// <summary>The staged root directory.</summary>
    internal StagedDirectory Root { get; } = new("", (UnixFileMode)0x1ED, null);

    /// <summary>Adds (or replaces) the file at <paramref name="path"/>, creating missing parent directories.</summary>
    public IsoBuilder AddFile(string path, IsoFileSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var parts = RequireEntryPath(path);
        var parent = EnsureDirectory(parts[..^1], path);
        if (parent.Children.TryGetValue(parts[^1], out var existing) && existing is StagedDirectory)
        {
            throw new InvalidOperationException($"Cannot add the file '{path}': a directory has that path.");
        }

        if (source.Length > uint.MaxValue)
        {
            throw new ArgumentException($"'{path}' is {source.Length} bytes; ISO 9660 files are recorded in one extent of at most {uint.MaxValue} bytes here.", nameof(source));
        }

        parent.Children[parts[^1]] = new StagedFile(parts[^1], source);
        return this;
    }

    /// <summary>Adds the directory at <paramref name="path"/> (or updates its mode and time), creating missing parents.</summary>
    public IsoBuilder AddDirectory(string path, UnixFileMode mode = (UnixFileMode)0x1ED, DateTimeOffset? modificationTime = null)
    {
        var directory = EnsureDirectory(StagedPath.Split(path), path);
        directory.Mode = mode & IsoFileSource.PermissionMask;
        directory.ModificationTime = modificationTime;
        return this;
    }

    /// <summary>Adds (or replaces) a symbolic link (recorded with Rock Ridge; left out of the Joliet tree).</summary>
    public IsoBuilder AddSymbolicLink(string path, string target, DateTimeOffset? modificationTime = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Length == 0 || target.Contains('\0') || Encoding.UTF8.GetByteCount(target) > 1024)
        {
            throw new ArgumentException($"The link target of '{path}' must be 1 to 1024 bytes of UTF-8 without NUL.", nameof(target));
        }

        var parts = RequireEntryPath(path);
        var parent = EnsureDirectory(parts[..^1], path);
        if (parent.Children.TryGetValue(parts[^1], out var existing) && existing is StagedDirectory)
        {
            throw new InvalidOperationException($"Cannot add the symbolic link '{path}': a directory has that path.");
        }

        parent.Children[parts[^1]] = new StagedSymbolicLink(parts[^1], target, modificationTime);
        return this;
    }

    /// <summary>
    /// Adds everything under <paramref name="sourceDirectory"/> on disk below <paramref name="targetPath"/>: files
    /// (read when the image is written), directories and symbolic links with their permissions and times.
    /// </summary>
    public IsoBuilder AddDirectoryTree(string sourceDirectory, string targetPath = "/")
    {
        var root = new DirectoryInfo(sourceDirectory);
        if (!root.Exists)
        {
            throw new DirectoryNotFoundException($"No directory at '{sourceDirectory}'.");
        }

        var target = StagedPath.Split(targetPath);
        if (target.Length > 0)
        {
            AddDirectory(targetPath, ModeOf(root), root.LastWriteTimeUtc);
        }

        // Walk by hand: symbolic links to directories are recorded as links, never followed.
        var pending = new Stack<(DirectoryInfo Directory, string Path)>();
        pending.Push((root, string.Join('/', target)));
        while (pending.Count > 0)
        {
            var (directory, prefix) = pending.Pop();
            foreach (var info in directory.EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false })
                         .OrderBy(i => i.Name, StringComparer.Ordinal))
            {
                var path = prefix.Length == 0 ? info.Name : prefix + "/" + info.Name;
                if (info.LinkTarget is { } linkTarget)
                {
                    AddSymbolicLink(path, linkTarget, info.LastWriteTimeUtc);
                }
                else if (info is DirectoryInfo subdirectory)
                {
                    AddDirectory(path, ModeOf(info), info.LastWriteTimeUtc);
                    pending.Push((subdirectory, path));
                }
                else
                {
                    AddFile(path, IsoFileSource.FromFile(info.FullName));
                }
            }
        }

        return this;
    }

    /// <summary>Removes the entry at <paramref name="path"/> (a directory with everything in it); false when there is none.</summary>
    public bool Remove(string path)
    {
        var parts = RequireEntryPath(path);
        return Find(string.Join('/', parts[..^1])) is StagedDirectory parent && parent.Children.Remove(parts[^1]);
    }

    /// <summary>True when the tree has an entry at <paramref name="path"/>.</summary>
    public bool Contains(string path) => Find(path) is not null;

    /// <summary>
    /// A builder holding everything <paramref name="image"/> holds, for remastering: the tree (Rock Ridge names,
    /// permissions and times when present), the volume identifier, and the boot setup (BIOS and EFI boot images,
    /// catalog path, boot info table, isohybrid MBR code from the system area). File contents are read from
    /// <paramref name="image"/> when the new image is written, so keep it open until then.
    /// </summary>
    public static IsoBuilder FromImage(IsoImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var builder = new IsoBuilder
        {
            VolumeIdentifier = image.VolumeIdentifier.Length is > 0 and <= 32 && image.VolumeIdentifier.All(c => c is >= ' ' and <= '~') ? image.VolumeIdentifier : "CDROM",
        };
        var catalog = image.BootCatalog;
        var byLba = new Dictionary<uint, IsoFile>();
        foreach (var entry in image.EnumerateEntries())
        {
            switch (entry)
            {
                case IsoDirectory directory:
                    builder.AddDirectory(directory.FullPath, directory.Mode, directory.ModificationTime);
                    break;
                case IsoSymbolicLink link:
                    builder.AddSymbolicLink(link.FullPath, link.Target, link.ModificationTime);
                    break;
                case IsoFile file when catalog is not null && file.Length > 0 && file.Lba == catalog.Lba:
                    break; // the catalog is generated anew
                case IsoFile file:
                    builder.AddFile(file.FullPath, IsoFileSource.FromImage(file));
                    if (file.Length > 0)
                    {
                        byLba.TryAdd(file.Lba, file);
                    }

                    break;
            }
        }

        builder.Root.Mode = image.RootDirectory.Mode;
        builder.Root.ModificationTime = image.RootDirectory.ModificationTime;
        if (catalog is not null)
        {
            builder.Boot = BootFromCatalog(image, catalog, byLba);
        }

        return builder;
    }

    /// <summary>Writes the image to <paramref name="output"/>, front to back (the stream need not be seekable).</summary>
    /// <remarks>If a source fails while data is copied, <paramref name="output"/> holds a partial image; <see cref="WriteToFile"/> never leaves one.</remarks>
    public void Write(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var layout = ImageLayout.Plan(this);
        ImageWriter.Write(layout, output);
    }

    /// <summary>
    /// Writes the image to <paramref name="path"/> through a temporary file beside it, renamed when complete: the
    /// target is never a partial image (a previous image there is kept until the new one is complete).
    /// </summary>
    public void WriteToFile(string path)
    {
        var layout = ImageLayout.Plan(this);
        AtomicFile.Write(path, output => ImageWriter.Write(layout, output), deleteFirst: true);
    }

    /// <summary>The staged entry at <paramref name="path"/>, or <c>null</c>.</summary>
    internal StagedNode? Find(string path)
    {
        StagedNode current = Root;
        foreach (var part in StagedPath.Split(path))
        {
            if (current is not StagedDirectory directory || !directory.Children.TryGetValue(part, out var next))
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    private static ElToritoBoot? BootFromCatalog(IsoImage image, ElToritoCatalog catalog, Dictionary<uint, IsoFile> byLba)
    {
        IsoFile? bios = null, efi = null;
        ushort loadSectors = 4;
        foreach (var entry in catalog.Entries)
        {
            var file = byLba.GetValueOrDefault(entry.Lba)
                ?? throw new InvalidDataException($"The boot image at LBA {entry.Lba} ({entry}) is not a file of the image's tree, so it cannot be carried over.");
            if (entry.Platform == ElToritoPlatform.X86 && bios is null)
            {
                (bios, loadSectors) = (file, entry.SectorCount);
            }
            else if (entry.Platform == ElToritoPlatform.Efi && efi is null)
            {
                efi = file;
            }
        }

        var catalogPath = image.EnumerateFiles().FirstOrDefault(f => f.Length > 0 && f.Lba == catalog.Lba)?.FullPath ?? "boot.catalog";
        IsohybridMbr? hybrid = null;
        var bootInfoTable = false;
        if (bios is not null)
        {
            var head = new byte[BootInfoTable.ChecksumStart];
            using (var stream = bios.Open())
            {
                bootInfoTable = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length
                    && BootInfoTable.Read(head) is { PrimaryVolumeDescriptorLba: Sector.PrimaryVolumeDescriptorLba } table && table.FileLba == bios.Lba;
            }

            if (image.MasterBootRecord is { } mbr && IsohybridMbr.BootImageSector(mbr) == bios.Lba * 4UL)
            {
                hybrid = IsohybridMbr.FromSystemArea(image.SystemArea.Span);
            }
        }

        return new ElToritoBoot
        {
            BiosBootImage = bios?.FullPath,
            BiosLoadSectors = loadSectors == 0 ? (ushort)4 : loadSectors,
            BootInfoTable = bootInfoTable,
            EfiBootImage = efi?.FullPath,
            CatalogPath = catalogPath,
            Isohybrid = hybrid,
        };
    }

    private static string[] RequireEntryPath(string path)
    {
        var parts = StagedPath.Split(path);
        return parts.Length > 0 ? parts : throw new ArgumentException("The path must name an entry below the root.", nameof(path));
    }

    private StagedDirectory EnsureDirectory(string[] parts, string path)
    {
        var current = Root;
        foreach (var part in parts)
        {
            if (!current.Children.TryGetValue(part, out var next))
            {
                next = new StagedDirectory(part, (UnixFileMode)0x1ED, null);
                current.Children[part] = next;
            }

            current = next as StagedDirectory
                ?? throw new InvalidOperationException($"Cannot create '{path}': '{part}' is a file, not a directory.");
        }

        return current;
    }

    private static UnixFileMode ModeOf(FileSystemInfo info) =>
        OperatingSystem.IsWindows() ? (UnixFileMode)0x1ED : info.UnixFileMode & IsoFileSource.PermissionMask;
}
