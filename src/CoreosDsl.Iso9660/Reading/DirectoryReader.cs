using System.Text;

namespace CoreosDsl.Iso9660;

/// <summary>
/// Reads one directory extent into entries: walks the records sector by sector, merges multi-extent files,
/// applies Rock Ridge or Joliet names, and checks every location against the image so that a malformed image
/// fails with a message naming the offset.
/// </summary>
internal static class DirectoryReader
{
    /// <summary>The largest directory extent accepted (about 300,000 entries).</summary>
    public const int MaxDirectoryLength = 32 * 1024 * 1024;

    public static IReadOnlyList<IsoEntry> Read(IsoDirectory directory)
    {
        var image = directory.Image;
        var source = image.Source;
        RequireNoLoop(directory);
        var extentOffset = Sector.Offset(directory.Lba);
        RequireDirectoryExtent(directory.FullPath, directory.Lba, directory.ExtentLength, extentOffset, source);
        var bytes = source.ReadMetadata(extentOffset, (int)directory.ExtentLength, $"directory {directory.FullPath}");

        var entries = new List<IsoEntry>();
        var pending = new List<IsoExtent>();
        (DirectoryRecord Record, long Offset)? first = null;
        var position = 0;
        while (position < bytes.Length)
        {
            var sectorEnd = Math.Min(bytes.Length, (position / Sector.Size + 1) * Sector.Size);
            if (bytes[position] == 0)
            {
                position = sectorEnd; // records do not cross sectors: the rest of this one is padding
                continue;
            }

            var recordOffset = extentOffset + position;
            var record = DirectoryRecord.Parse(bytes.AsSpan(position, sectorEnd - position), recordOffset);
            position += record.Length;
            if (record.IsSelfOrParent)
            {
                continue;
            }

            if (first is { } started && !record.Identifier.AsSpan().SequenceEqual(started.Record.Identifier))
            {
                throw new InvalidDataException(
                    $"The multi-extent file record at offset {started.Offset} is not continued by the next record (offset {recordOffset}), " +
                    "which has another identifier.");
            }

            if (!record.IsDirectory && (record.Flags & FileFlags.MultiExtent) != 0)
            {
                pending.Add(RequireFileExtent(record, recordOffset, source));
                first ??= (record, recordOffset);
                continue;
            }

            if (first is { } head)
            {
                pending.Add(RequireFileExtent(record, recordOffset, source));
                var file = CreateEntry(directory, head.Record, head.Offset, [.. pending]);
                if (file is not null)
                {
                    entries.Add(file);
                }

                pending.Clear();
                first = null;
                continue;
            }

            var entry = CreateEntry(directory, record, recordOffset, null);
            if (entry is not null)
            {
                entries.Add(entry);
            }
        }

        if (first is { } unfinished)
        {
            throw new InvalidDataException($"The multi-extent file record at offset {unfinished.Offset} is the last in its directory: its final extent is missing.");
        }

        return entries;
    }

    /// <summary>Builds the entry for one record (or a multi-extent file); <c>null</c> for a relocated directory, which its placeholder represents.</summary>
    private static IsoEntry? CreateEntry(IsoDirectory parent, DirectoryRecord record, long recordOffset, IsoExtent[]? extents)
    {
        var image = parent.Image;
        RockRidgeAttributes? rr = null;
        string name;
        var identifier = image.Namespace == IsoNamespace.Joliet ? TextField.DecodeUcs2(record.Identifier) : Encoding.Latin1.GetString(record.Identifier);
        switch (image.Namespace)
        {
            case IsoNamespace.RockRidge:
                rr = RockRidgeAttributes.Read(record, recordOffset, image.SuspSkipLength, image.Source);
                if (rr.IsRelocated)
                {
                    return null;
                }

                name = rr.Name ?? StripVersion(identifier, trimDot: true);
                break;
            case IsoNamespace.Joliet:
                name = StripVersion(identifier, trimDot: false);
                break;
            default:
                name = StripVersion(identifier, trimDot: true);
                break;
        }

        RequireValidName(name, parent, recordOffset);
        var isDirectory = record.IsDirectory || rr?.ChildLinkLba is not null;
        var attributes = Attributes(record, rr, isDirectory, rr?.SymbolicLinkTarget is not null);
        if (rr?.ChildLinkLba is { } childLba)
        {
            var length = ReadSelfRecordLength(childLba, recordOffset, image.Source);
            return new IsoDirectory(image, parent, name, identifier, attributes, childLba, length);
        }

        if (record.IsDirectory)
        {
            return new IsoDirectory(image, parent, name, identifier, attributes, record.ExtentLba, record.DataLength);
        }

        if (rr?.SymbolicLinkTarget is { } target)
        {
            return new IsoSymbolicLink(image, parent, name, identifier, attributes, target);
        }

        return new IsoFile(image, parent, name, identifier, attributes, extents ?? [RequireFileExtent(record, recordOffset, image.Source)]);
    }

    private static IsoEntry.EntryAttributes Attributes(DirectoryRecord record, RockRidgeAttributes? rr, bool isDirectory, bool isLink)
    {
        var defaultMode = isLink ? (UnixFileMode)0x1FF : isDirectory ? (UnixFileMode)0x16D : (UnixFileMode)0x124; // 0777, 0555, 0444
        var mode = rr?.Mode is { } m ? (UnixFileMode)(m & 0xFFF) : defaultMode;
        var modified = rr?.Modified ?? record.RecordingTime ?? DateTimeOffset.UnixEpoch;
        return new IsoEntry.EntryAttributes(mode, rr?.Uid, rr?.Gid, modified, rr?.Accessed);
    }

    /// <summary>Reads the length of the directory at <paramref name="lba"/> from its "." record (for a Rock Ridge CL link).</summary>
    private static uint ReadSelfRecordLength(uint lba, long linkOffset, ImageSource source)
    {
        var offset = Sector.Offset(lba);
        var sector = source.ReadMetadata(offset, Sector.Size, $"the directory the CL entry of the record at offset {linkOffset} links to");
        var self = DirectoryRecord.Parse(sector, offset);
        if (!self.IsDirectory || self.Identifier is not [0])
        {
            throw new InvalidDataException($"Expected a directory's \".\" record at offset {offset}, where the CL entry of the record at offset {linkOffset} points.");
        }

        return self.DataLength;
    }

    private static IsoExtent RequireFileExtent(DirectoryRecord record, long recordOffset, ImageSource source)
    {
        if (record.DataLength > 0)
        {
            source.RequireInside(Sector.Offset(record.ExtentLba), record.DataLength, $"the file extent (LBA {record.ExtentLba}) of the record at offset {recordOffset}");
        }

        return new IsoExtent(record.ExtentLba, record.DataLength);
    }

    /// <summary>Checks a directory's extent before it is read.</summary>
    internal static void RequireDirectoryExtent(string path, uint lba, uint length, long offset, ImageSource source)
    {
        if (length is 0 or > MaxDirectoryLength)
        {
            throw new InvalidDataException(
                $"Directory {path} (extent at LBA {lba}, offset {offset}) claims {length} bytes; expected 1 to {MaxDirectoryLength}.");
        }

        source.RequireInside(offset, length, $"directory {path}");
    }

    /// <summary>A directory whose extent is also an ancestor's would be listed forever.</summary>
    private static void RequireNoLoop(IsoDirectory directory)
    {
        for (var ancestor = directory.Parent; ancestor is not null; ancestor = ancestor.Parent)
        {
            if (ancestor.Lba == directory.Lba)
            {
                throw new InvalidDataException(
                    $"Directory {directory.FullPath} has the extent at LBA {directory.Lba} (offset {Sector.Offset(directory.Lba)}) of its ancestor {ancestor.FullPath}: the directory tree loops.");
            }
        }
    }

    private static void RequireValidName(string name, IsoDirectory parent, long recordOffset)
    {
        if (name.Length == 0 || name is "." or ".." || name.Contains('/') || name.Contains('\0'))
        {
            throw new InvalidDataException(
                $"The directory record at offset {recordOffset} in {parent.FullPath} names an entry '{name.Replace("\0", "\\0")}', which is not a valid file name.");
        }
    }

    /// <summary>"VMLINUZ.;1" becomes "VMLINUZ": drop the ";version" and, for ISO 9660 names, a trailing dot.</summary>
    private static string StripVersion(string identifier, bool trimDot)
    {
        var semicolon = identifier.LastIndexOf(';');
        if (semicolon >= 0 && identifier.AsSpan(semicolon + 1).IndexOfAnyExceptInRange('0', '9') < 0)
        {
            identifier = identifier[..semicolon];
        }

        return trimDot && identifier.Length > 1 && identifier.EndsWith('.') ? identifier[..^1] : identifier;
    }
}
