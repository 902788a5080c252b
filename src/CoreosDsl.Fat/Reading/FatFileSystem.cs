using System.Text;

namespace CoreosDsl.Fat;

/// <summary>
/// Reads a FAT12, FAT16 or FAT32 volume from a stream: a whole image, or a partition inside a disk image at a
/// byte offset. Lists directories with long names, reads files, and reports the boot sector, label and where
/// each file's clusters lie. Malformed structures throw <see cref="InvalidDataException"/> naming the byte offset
/// (from the start of the stream) and what was expected there.
/// </summary>
public sealed class FatFileSystem : IDisposable
{
    private const int FatWindowSize = 64 * 1024;

    private readonly Stream _stream;
    private readonly long _offset;
    private readonly bool _leaveOpen;
    private readonly byte[] _fatWindow = new byte[FatWindowSize];
    private long _fatWindowStart = -1;
    private int _fatWindowLength;

    private FatFileSystem(Stream stream, long offset, bool leaveOpen)
    {
        _stream = stream;
        _offset = offset;
        _leaveOpen = leaveOpen;
        var sector = new byte[FatBootSector.Size];
        ReadExactly(0, sector);
        BootSector = FatBootSector.Parse(sector, offset);
        if (BootSector.Type == FatType.Fat32 && BootSector.FsInfoSector is > 0 and < 0xFFFF)
        {
            // FSInfo is only a hint (free count, next free): a broken one is ignored, as Windows and Linux do.
            var info = new byte[FatBootSector.Size];
            ReadExactly(BootSector.FsInfoSector * (long)BootSector.BytesPerSector, info);
            try
            {
                FsInfo = FsInfoSector.Parse(info, offset + (BootSector.FsInfoSector * (long)BootSector.BytesPerSector));
            }
            catch (InvalidDataException)
            {
                FsInfo = null;
            }
        }

        var rootLabel = ReadRaw(null).FirstOrDefault(e => e.Entry.Attributes.HasFlag(FatAttributes.VolumeLabel) && !IsLongNameEntry(e.Entry.Attributes));
        VolumeLabel = rootLabel.Entry.RawName is not null
            ? rootLabel.Entry.LabelText
            : BootSector.VolumeLabel is "NO NAME" or "" ? null : BootSector.VolumeLabel;
    }

    /// <summary>The boot sector and BPB.</summary>
    public FatBootSector BootSector { get; }

    /// <summary>FAT12, FAT16 or FAT32, by the cluster count.</summary>
    public FatType Type => BootSector.Type;

    /// <summary>The volume label: the root directory's label entry, else the boot sector's, else null.</summary>
    public string? VolumeLabel { get; }

    /// <summary>The FAT32 FSInfo hints (free clusters, next free), or null on FAT12/16.</summary>
    internal FsInfoSector? FsInfo { get; }

    /// <summary>Opens the volume that starts at byte <paramref name="offset"/> of <paramref name="stream"/> (seekable).</summary>
    public static FatFileSystem Open(Stream stream, long offset = 0, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek || !stream.CanRead)
        {
            throw new ArgumentException("The stream must be readable and seekable.", nameof(stream));
        }

        return new FatFileSystem(stream, offset, leaveOpen);
    }

    /// <summary>Opens the volume that starts at byte <paramref name="offset"/> of the image file <paramref name="imagePath"/>.</summary>
    public static FatFileSystem Open(string imagePath, long offset = 0)
    {
        var stream = new FileStream(imagePath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        try
        {
            return new FatFileSystem(stream, offset, leaveOpen: false);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>The entries of the directory at <paramref name="path"/> ("/" for the root), without ".", ".." and the label.</summary>
    public IReadOnlyList<FatEntry> ReadDirectory(string path = "/")
    {
        var parts = SplitPath(path);
        FatEntry? directory = null;
        foreach (var part in parts)
        {
            directory = FindChild(directory, part, path);
            if (!directory.IsDirectory)
            {
                throw new DirectoryNotFoundException($"'{path}': '{directory.Path}' is a file.");
            }
        }

        return List(directory);
    }

    /// <summary>Every entry below the root, parents before children.</summary>
    public IEnumerable<FatEntry> EnumerateAll()
    {
        var pending = new Stack<FatEntry?>();
        pending.Push(null);
        while (pending.Count > 0)
        {
            var children = List(pending.Pop());
            foreach (var child in children)
            {
                yield return child;
            }

            for (var i = children.Count - 1; i >= 0; i--)
            {
                if (children[i].IsDirectory)
                {
                    pending.Push(children[i]);
                }
            }
        }
    }

    /// <summary>The entry at <paramref name="path"/>; names compare case-insensitively against long and 8.3 names.</summary>
    public FatEntry GetEntry(string path)
    {
        var parts = SplitPath(path);
        if (parts.Length == 0)
        {
            throw new ArgumentException("The root directory has no entry of its own.", nameof(path));
        }

        FatEntry? entry = null;
        foreach (var part in parts)
        {
            if (entry is { IsDirectory: false })
            {
                throw new FileNotFoundException($"'{path}': '{entry.Path}' is a file, not a directory.");
            }

            entry = FindChild(entry, part, path);
        }

        return entry!;
    }

    /// <summary>True when <paramref name="path"/> exists.</summary>
    public bool Exists(string path)
    {
        try
        {
            GetEntry(path);
            return true;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
    }

    /// <summary>A read-only stream of the file at <paramref name="path"/>.</summary>
    public Stream OpenRead(string path) => OpenRead(GetEntry(path));

    /// <summary>A read-only stream of <paramref name="entry"/>'s content, following its cluster chain as it reads.</summary>
    public Stream OpenRead(FatEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.IsDirectory)
        {
            throw new ArgumentException($"'{entry.Path}' is a directory.", nameof(entry));
        }

        return new FatFileReadStream(this, entry);
    }

    /// <summary>The whole content of the file at <paramref name="path"/>.</summary>
    public byte[] ReadAllBytes(string path)
    {
        var entry = GetEntry(path);
        using var stream = OpenRead(entry);
        var bytes = new byte[entry.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>The clusters of <paramref name="entry"/> in chain order (empty for an empty file).</summary>
    public IReadOnlyList<uint> GetClusters(FatEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.FirstCluster == 0 ? [] : Chain(entry.FirstCluster, entry.Path).ToList();
    }

    /// <summary>
    /// The sectors holding <paramref name="entry"/>'s bytes, counted from the volume start (whole sectors up to its
    /// length; the whole chain for a directory). This is the list syslinux's installer patches into ldlinux.sys.
    /// </summary>
    public IReadOnlyList<long> GetSectors(FatEntry entry)
    {
        var sectorsPerCluster = BootSector.SectorsPerCluster;
        var bytesPerSector = BootSector.BytesPerSector;
        var sectors = GetClusters(entry).SelectMany(c => Enumerable.Range(0, sectorsPerCluster).Select(i => BootSector.FirstSectorOfCluster(c) + i));
        return entry.IsDirectory ? sectors.ToList() : sectors.Take((int)((entry.Length + bytesPerSector - 1) / bytesPerSector)).ToList();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    /// <summary>Reads <paramref name="buffer"/> from byte <paramref name="volumeOffset"/> of the volume.</summary>
    internal void ReadExactly(long volumeOffset, Span<byte> buffer)
    {
        var position = _offset + volumeOffset;
        _stream.Position = position;
        var done = 0;
        while (done < buffer.Length)
        {
            var read = _stream.Read(buffer[done..]);
            if (read == 0)
            {
                throw new InvalidDataException(
                    $"unexpected end of the image at offset {position + done}: the volume claims {BootSector?.TotalSectors ?? 0} sectors from offset {_offset}");
            }

            done += read;
        }
    }

    /// <summary>The cluster after <paramref name="cluster"/> in its chain, or 0 at the end; throws on a broken chain.</summary>
    internal uint NextCluster(uint cluster, string path, ChainGuard? guard)
    {
        var value = ReadFatEntry(cluster, out var position);
        if (FatTable.IsEndOfChain(Type, value))
        {
            return 0;
        }

        if (value < 2 || value > BootSector.ClusterCount + 1)
        {
            var what = value == 0 ? "a free cluster" : value == FatTable.BadCluster(Type) ? "a bad cluster" : $"cluster {value}";
            throw new InvalidDataException(
                $"'{path}': the FAT entry of cluster {cluster} at offset {position} points to {what}; expected a cluster from 2 to {BootSector.ClusterCount + 1} or an end-of-chain mark");
        }

        guard?.Step(cluster, value);
        return value;
    }

    /// <summary>Throws unless <paramref name="cluster"/> is a data cluster.</summary>
    internal void CheckCluster(uint cluster, string path, long entryOffset)
    {
        if (cluster < 2 || cluster > BootSector.ClusterCount + 1)
        {
            throw new InvalidDataException(
                $"'{path}': the directory entry at offset {entryOffset} starts at cluster {cluster}; expected a cluster from 2 to {BootSector.ClusterCount + 1}");
        }
    }

    /// <summary>The byte offset of <paramref name="cluster"/> in the volume.</summary>
    internal long ClusterOffset(uint cluster) => BootSector.FirstSectorOfCluster(cluster) * BootSector.BytesPerSector;

    private IEnumerable<uint> Chain(uint first, string path)
    {
        CheckCluster(first, path, -1);
        var guard = new ChainGuard(path, first);
        for (var cluster = first; cluster != 0; cluster = NextCluster(cluster, path, guard))
        {
            yield return cluster;
        }
    }

    private uint ReadFatEntry(uint cluster, out long position)
    {
        var fatStart = (long)BootSector.ReservedSectors * BootSector.BytesPerSector;
        var byteOffset = Type switch
        {
            FatType.Fat12 => cluster + (cluster / 2L),
            FatType.Fat16 => cluster * 2L,
            _ => cluster * 4L,
        };
        position = _offset + fatStart + byteOffset;
        var need = Type == FatType.Fat16 ? 2 : Type == FatType.Fat12 ? 2 : 4;
        if (_fatWindowStart < 0 || byteOffset < _fatWindowStart || byteOffset + need > _fatWindowStart + _fatWindowLength)
        {
            var fatBytes = BootSector.SectorsPerFat * BootSector.BytesPerSector;
            _fatWindowStart = byteOffset / FatWindowSize * FatWindowSize;
            if (byteOffset + need > _fatWindowStart + FatWindowSize)
            {
                _fatWindowStart = byteOffset; // an entry straddling the window edge (FAT12)
            }

            _fatWindowLength = (int)Math.Min(FatWindowSize, fatBytes - _fatWindowStart);
            ReadExactly(fatStart + _fatWindowStart, _fatWindow.AsSpan(0, _fatWindowLength));
        }

        var window = _fatWindow.AsSpan(0, _fatWindowLength);
        var relative = byteOffset - _fatWindowStart;
        return Type == FatType.Fat12
            ? (cluster & 1) == 0 ? (uint)(window[(int)relative] | ((window[(int)relative + 1] & 0x0F) << 8)) : (uint)((window[(int)relative] >> 4) | (window[(int)relative + 1] << 4))
            : FatTable.ReadEntry(window[(int)relative..], Type, 0);
    }

    private static bool IsLongNameEntry(FatAttributes attributes) => ((byte)attributes & 0x3F) == (byte)FatAttributes.LongName;

    private static string[] SplitPath(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    private FatEntry FindChild(FatEntry? directory, string name, string path)
    {
        foreach (var child in List(directory))
        {
            if (string.Equals(child.Name, name, StringComparison.OrdinalIgnoreCase) || string.Equals(child.ShortName, name, StringComparison.OrdinalIgnoreCase))
            {
                return child;
            }
        }

        throw new FileNotFoundException($"'{path}': '{name}' not found in '{directory?.Path ?? "/"}'.");
    }

    private List<FatEntry> List(FatEntry? directory)
    {
        var parentPath = directory?.Path ?? "";
        var result = new List<FatEntry>();
        var pieces = new List<LongNameEntry>();
        foreach (var (raw, entry, position) in ReadRawWithBytes(directory))
        {
            if (IsLongNameEntry(entry.Attributes))
            {
                pieces.Add(LongNameEntry.Parse(raw));
                continue;
            }

            var longName = AssembleLongName(pieces, raw);
            pieces.Clear();
            if ((entry.Attributes & FatAttributes.VolumeLabel) != 0 || entry.RawName.StartsWith('.'))
            {
                continue; // the label, ".", ".."
            }

            var shortName = new DirectoryEntry(entry.RawName, entry.Attributes, 0, 0, default, 0, default, 0, 0).DisplayName;
            var name = longName ?? entry.DisplayName;
            var path = parentPath.Length == 0 ? name : $"{parentPath}/{name}";
            var isDirectory = (entry.Attributes & FatAttributes.Directory) != 0;
            if (entry.FirstCluster != 0)
            {
                CheckCluster(entry.FirstCluster, path, position);
            }
            else if (isDirectory || entry.FileSize != 0)
            {
                throw new InvalidDataException($"'{path}': the directory entry at offset {position} has {(isDirectory ? "a directory" : $"{entry.FileSize} bytes")} but no first cluster");
            }

            result.Add(new FatEntry(path, name, shortName, entry.Attributes, isDirectory ? 0 : entry.FileSize, entry.FirstCluster,
                entry.Written.ToDateTime(), position));
        }

        return result;
    }

    /// <summary>
    /// The long name the collected pieces spell for the short entry <paramref name="shortEntry"/>, or null when they
    /// do not form a valid set (wrong checksum, a gap in the order): the specification then says to use the 8.3 name.
    /// </summary>
    private static string? AssembleLongName(List<LongNameEntry> pieces, ReadOnlySpan<byte> shortEntry)
    {
        if (pieces.Count == 0 || !pieces[0].IsLast || pieces[0].Sequence != pieces.Count)
        {
            return null;
        }

        var checksum = LongNameEntry.ChecksumOf(shortEntry[..11]);
        var name = new StringBuilder(pieces.Count * LongNameEntry.CharactersPerEntry);
        for (var i = pieces.Count - 1; i >= 0; i--)
        {
            var piece = pieces[i];
            if (piece.Checksum != checksum || piece.Sequence != pieces.Count - i)
            {
                return null;
            }

            name.Append(piece.NamePart);
        }

        return name.Length == 0 ? null : name.ToString();
    }

    private IEnumerable<(DirectoryEntry Entry, long Position)> ReadRaw(FatEntry? directory) =>
        ReadRawWithBytes(directory).Select(t => (t.Entry, t.Position));

    /// <summary>The live entries of a directory (null: the root) with their bytes and image offsets, up to the end marker.</summary>
    private IEnumerable<(byte[] Raw, DirectoryEntry Entry, long Position)> ReadRawWithBytes(FatEntry? directory)
    {
        var fat32 = Type == FatType.Fat32;
        foreach (var (start, length) in DirectoryRegions(directory))
        {
            var bytes = new byte[length];
            ReadExactly(start, bytes);
            for (var i = 0; i < length; i += FatLimits.DirectoryEntrySize)
            {
                var raw = bytes.AsSpan(i, FatLimits.DirectoryEntrySize);
                if (raw[0] == DirectoryEntry.EndMarker)
                {
                    yield break;
                }

                if (raw[0] == DirectoryEntry.DeletedMarker)
                {
                    continue;
                }

                yield return (raw.ToArray(), DirectoryEntry.Parse(raw, fat32), _offset + start + i);
            }
        }
    }

    /// <summary>The byte ranges (volume offsets) holding a directory: the fixed FAT12/16 root, or a cluster chain.</summary>
    private IEnumerable<(long Start, int Length)> DirectoryRegions(FatEntry? directory)
    {
        if (directory is null && Type != FatType.Fat32)
        {
            yield return (BootSector.FirstRootDirectorySector * BootSector.BytesPerSector, BootSector.RootEntryCount * FatLimits.DirectoryEntrySize);
            yield break;
        }

        var first = directory?.FirstCluster ?? BootSector.RootCluster;
        foreach (var cluster in Chain(first, directory?.Path ?? "/"))
        {
            yield return (ClusterOffset(cluster), BootSector.BytesPerCluster);
        }
    }
}
