using CoreosDsl.IO;
using System.Buffers;
using System.Text;

namespace CoreosDsl.Fat;

/// <summary>
/// A planned FAT volume (made by <see cref="FatBuilder.Plan"/>): its boot sector, where every file and directory
/// lies (<see cref="Locate"/>), and the writer (<see cref="WriteTo(Stream, long, IProgress{long}?, CancellationToken)"/>).
/// <para>
/// Writing is streaming and sparse: the reserved sectors, FATs and directories are written, each file is copied
/// from its source stream straight to its clusters, and free clusters are never touched, so a 2 GiB volume
/// holding 400 MB costs about 400 MB of writes and little memory. Directories come first and files follow in the
/// order they were added, so the target is written front to back.
/// </para>
/// </summary>
public sealed class FatLayout
{
    private const int CopyBufferSize = 1 << 20;
    private const int FatChunkSize = 64 * 1024;

    private readonly FatGeometry _geometry;
    private readonly FatNode _root;
    private readonly FatTable _table;
    private readonly FatTimestamp _timestamp;
    private readonly byte _tenths;
    private readonly string? _label;
    private readonly Dictionary<string, FatNode> _byPath = new(StringComparer.OrdinalIgnoreCase);

    internal FatLayout(FatFormatOptions options, FatGeometry geometry, FatNode root)
    {
        _geometry = geometry;
        _root = root;
        _label = options.VolumeLabel;
        _timestamp = FatTimestamp.From(options.Timestamp);
        var utc = options.Timestamp.Kind == DateTimeKind.Local ? options.Timestamp.ToUniversalTime() : options.Timestamp;
        _tenths = (byte)((utc.Second % 2 * 100) + (utc.Millisecond / 10));
        _table = new FatTable(geometry.Type, geometry.ClusterCount);
        Allocate();

        BootSector = new FatBootSector
        {
            OemName = "MSWIN4.1",
            BytesPerSector = FatLimits.SectorSize,
            SectorsPerCluster = geometry.SectorsPerCluster,
            ReservedSectors = geometry.ReservedSectors,
            NumberOfFats = FatGeometry.NumberOfFats,
            RootEntryCount = geometry.RootEntryCount,
            TotalSectors = geometry.TotalSectors,
            SectorsPerFat = geometry.SectorsPerFat,
            HiddenSectors = options.HiddenSectors,
            VolumeId = options.VolumeId ?? DeriveVolumeId(options.VolumeLabel, _timestamp),
            VolumeLabel = options.VolumeLabel ?? "NO NAME",
            FileSystemTypeName = geometry.Type == FatType.Fat32 ? "FAT32" : "FAT16",
            RootCluster = geometry.Type == FatType.Fat32 ? _root.FirstCluster : 0,
            FsInfoSector = geometry.Type == FatType.Fat32 ? Fat32FsInfoSector : 0,
            BackupBootSector = geometry.Type == FatType.Fat32 ? Fat32BackupBootSector : 0,
        };

        foreach (var node in _root.DescendantsAndSelf().Skip(1))
        {
            _byPath[node.Path] = node;
        }

        TotalWriteBytes = MetadataBytes() + _root.DescendantsAndSelf().Where(n => n is { IsDirectory: false, IsReserved: false }).Sum(n => n.Length);
    }

    /// <summary>The sector of the FAT32 FSInfo structure.</summary>
    internal const int Fat32FsInfoSector = 1;

    /// <summary>The sector of the FAT32 backup boot sector (the FSInfo copy follows it).</summary>
    internal const int Fat32BackupBootSector = 6;

    /// <summary>The boot sector the writer writes (syslinux later replaces its code, keeping these fields).</summary>
    public FatBootSector BootSector { get; }

    /// <summary>FAT16 or FAT32.</summary>
    public FatType Type => _geometry.Type;

    /// <summary>The volume size in bytes.</summary>
    public long Size => _geometry.TotalSectors * FatLimits.SectorSize;

    /// <summary>Bytes per cluster.</summary>
    public int ClusterSize => _geometry.BytesPerCluster;

    /// <summary>Clusters left free.</summary>
    public long FreeClusters => _table.FreeClusters;

    /// <summary>Bytes <see cref="WriteTo(Stream, long, IProgress{long}?, CancellationToken)"/> writes: metadata and file contents (not reserved files).</summary>
    public long TotalWriteBytes { get; }

    /// <summary>
    /// Where the file or directory at <paramref name="path"/> lies (case-insensitive, like FAT). Throws
    /// <see cref="KeyNotFoundException"/> when nothing was added there.
    /// </summary>
    public FatExtent Locate(string path)
    {
        var key = string.Join('/', LongName.SplitPath(path));
        if (!_byPath.TryGetValue(key, out var node))
        {
            throw new KeyNotFoundException($"'{path}' was not added to this volume.");
        }

        var firstSector = node.FirstCluster == 0 ? 0 : _geometry.FirstDataSector + ((node.FirstCluster - 2L) * _geometry.SectorsPerCluster);
        return new FatExtent(node.Path, node.IsDirectory ? 0 : node.Length, node.FirstCluster, node.ClusterCount, firstSector,
            node.ClusterCount * _geometry.SectorsPerCluster);
    }

    /// <summary>
    /// Writes the volume into <paramref name="target"/> starting at byte <paramref name="offset"/> (the partition
    /// start in a disk image). Free clusters, the unused tail of each file's last cluster and reserved files'
    /// clusters are not written: they keep what the target holds, zeros in a new or sparse file. The target's
    /// length grows to cover the whole volume. A source stream that gives more or fewer bytes than declared stops
    /// the write with <see cref="InvalidDataException"/> naming the file. <paramref name="progress"/> gets the bytes
    /// written so far, out of <see cref="TotalWriteBytes"/>.
    /// </summary>
    public void WriteTo(Stream target, long offset = 0, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!target.CanSeek || !target.CanWrite)
        {
            throw new ArgumentException("The target must be a writable, seekable stream.", nameof(target));
        }

        var writer = new Writer(target, offset, progress, cancellationToken);
        WriteReservedRegion(writer);
        WriteFats(writer);
        if (Type == FatType.Fat16)
        {
            writer.Write(_geometry.FirstDataSector - _geometry.RootDirectorySectors, BuildDirectory(_root, _geometry.RootEntryCount * FatLimits.DirectoryEntrySize));
        }

        var copyBuffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            foreach (var node in _root.DescendantsAndSelf().Where(n => n.IsDirectory && (n.Parent is not null || Type == FatType.Fat32)))
            {
                writer.Write(SectorOf(node.FirstCluster), BuildDirectory(node, checked((int)(node.ClusterCount * ClusterSize))));
            }

            foreach (var node in _root.DescendantsAndSelf().Where(n => n is { IsDirectory: false, IsReserved: false, Length: > 0 }))
            {
                writer.Copy(SectorOf(node.FirstCluster), node, copyBuffer);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copyBuffer);
        }

        var end = offset + Size;
        if (target.Length < end)
        {
            target.SetLength(end);
        }

        target.Flush();
    }

    /// <summary>
    /// Writes the volume as an image file at <paramref name="path"/>: into a temporary file beside it (sparse:
    /// free clusters take no disk space), renamed over <paramref name="path"/> only when complete.
    /// </summary>
    public void WriteTo(string path, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        AtomicFile.Write(path, stream =>
        {
            stream.SetLength(Size);
            WriteTo(stream, 0, progress, cancellationToken);
        }, bufferSize: 0);
    }

    private long SectorOf(uint cluster) => _geometry.FirstDataSector + ((cluster - 2L) * _geometry.SectorsPerCluster);

    private void Allocate()
    {
        long ClustersFor(long bytes) => (bytes + ClusterSize - 1) / ClusterSize;

        // Directories first (the FAT32 root is the first of them, cluster 2), then files, each in the order added.
        foreach (var node in _root.DescendantsAndSelf().Where(n => n.IsDirectory))
        {
            if (node.Parent is null && Type == FatType.Fat16)
            {
                continue; // the FAT16 root has its own region
            }

            node.ClusterCount = Math.Max(1, ClustersFor(node.EntryCount(_label is not null) * (long)FatLimits.DirectoryEntrySize));
            node.FirstCluster = _table.Allocate(node.ClusterCount);
        }

        foreach (var node in _root.DescendantsAndSelf().Where(n => !n.IsDirectory && n.Length > 0))
        {
            node.ClusterCount = ClustersFor(node.Length);
            node.FirstCluster = _table.Allocate(node.ClusterCount);
        }
    }

    private long MetadataBytes()
    {
        var bytes = (long)_geometry.ReservedSectors * FatLimits.SectorSize;
        bytes += FatGeometry.NumberOfFats * _geometry.SectorsPerFat * FatLimits.SectorSize;
        bytes += _geometry.RootDirectorySectors * FatLimits.SectorSize;
        bytes += _root.DescendantsAndSelf().Where(n => n.IsDirectory).Sum(n => n.ClusterCount) * ClusterSize;
        return bytes;
    }

    private void WriteReservedRegion(Writer writer)
    {
        var region = new byte[_geometry.ReservedSectors * FatLimits.SectorSize];
        var boot = BootSector.ToBytes();
        boot.CopyTo(region, 0);
        if (Type == FatType.Fat32)
        {
            var fsInfo = new FsInfoSector((uint)_table.FreeClusters, _table.FreeClusters > 0 ? _table.NextFree : FsInfoSector.Unknown).ToBytes();
            fsInfo.CopyTo(region, Fat32FsInfoSector * FatLimits.SectorSize);
            boot.CopyTo(region, Fat32BackupBootSector * FatLimits.SectorSize);
            fsInfo.CopyTo(region, (Fat32BackupBootSector + 1) * FatLimits.SectorSize);
        }

        writer.Write(0, region);
    }

    private void WriteFats(Writer writer)
    {
        var chunk = new byte[FatChunkSize];
        var fatBytes = _geometry.SectorsPerFat * FatLimits.SectorSize;
        var entriesPerChunk = FatChunkSize / _table.EntrySize;
        for (var copy = 0; copy < FatGeometry.NumberOfFats; copy++)
        {
            var start = _geometry.ReservedSectors + (copy * _geometry.SectorsPerFat);
            for (long done = 0; done < fatBytes; done += FatChunkSize)
            {
                var length = (int)Math.Min(FatChunkSize, fatBytes - done);
                _table.Encode(done / FatChunkSize * entriesPerChunk, chunk.AsSpan(0, length));
                writer.Write(start + (done / FatLimits.SectorSize), chunk.AsSpan(0, length));
            }
        }
    }

    /// <summary>The bytes of a directory: its entries, then zeros (an entry starting with 0 ends the directory).</summary>
    private byte[] BuildDirectory(FatNode directory, int size)
    {
        var bytes = new byte[size];
        var position = 0;
        void Put(DirectoryEntry entry)
        {
            entry.WriteTo(bytes.AsSpan(position));
            position += FatLimits.DirectoryEntrySize;
        }

        if (directory.Parent is null)
        {
            if (_label is not null)
            {
                Put(Entry(_label.PadRight(11), FatAttributes.VolumeLabel, 0, 0, 0));
            }
        }
        else
        {
            // "." points at this directory, ".." at the parent, with 0 standing for the root (also on FAT32).
            Put(Entry(".".PadRight(11), FatAttributes.Directory, 0, directory.FirstCluster, 0));
            var parentCluster = directory.Parent.Parent is null ? 0u : directory.Parent.FirstCluster;
            Put(Entry("..".PadRight(11), FatAttributes.Directory, 0, parentCluster, 0));
        }

        foreach (var child in directory.Children)
        {
            var shortName = child.ShortName;
            if (shortName.NeedsLongName)
            {
                foreach (var piece in LongNameEntry.Create(child.Name, LongNameEntry.ChecksumOf(shortName.Bytes)))
                {
                    piece.WriteTo(bytes.AsSpan(position));
                    position += FatLimits.DirectoryEntrySize;
                }
            }

            var attributes = child.Attributes | (child.IsDirectory ? FatAttributes.Directory : FatAttributes.Archive);
            Put(Entry(shortName.RawName, attributes, shortName.CaseFlags, child.FirstCluster, child.IsDirectory ? 0 : (uint)child.Length));
        }

        return bytes;
    }

    private DirectoryEntry Entry(string rawName, FatAttributes attributes, byte caseFlags, uint firstCluster, uint size) =>
        new(rawName, attributes, caseFlags, _tenths, _timestamp, _timestamp.Date, _timestamp, firstCluster, size);

    /// <summary>A volume id from the label and the timestamp (FNV-1a), so that two volumes of one image differ.</summary>
    private static uint DeriveVolumeId(string? label, FatTimestamp timestamp)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.ASCII.GetBytes($"{label}|{timestamp.Date:X4}{timestamp.Time:X4}"))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }

    /// <summary>Positions, writes, counts progress and checks for cancellation.</summary>
    private sealed class Writer(Stream target, long offset, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        private long _written;

        public void Write(long sector, ReadOnlySpan<byte> bytes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            target.Position = offset + (sector * FatLimits.SectorSize);
            target.Write(bytes);
            Advance(bytes.Length);
        }

        public void Copy(long sector, FatNode file, byte[] buffer)
        {
            target.Position = offset + (sector * FatLimits.SectorSize);
            using var source = file.Open!() ?? throw new InvalidOperationException($"'{file.Path}': the content source returned no stream.");
            var remaining = file.Length;
            while (remaining > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var read = source.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
                if (read == 0)
                {
                    throw new InvalidDataException(
                        $"'{file.Path}': the source ended after {file.Length - remaining} bytes, but {file.Length} were declared.");
                }

                target.Write(buffer, 0, read);
                remaining -= read;
                Advance(read);
            }

            if (source.Read(buffer, 0, 1) != 0)
            {
                throw new InvalidDataException($"'{file.Path}': the source holds more than the {file.Length} bytes declared.");
            }
        }

        private void Advance(int count)
        {
            _written += count;
            progress?.Report(_written);
        }
    }
}
