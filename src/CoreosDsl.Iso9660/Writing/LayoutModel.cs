namespace CoreosDsl.Iso9660;

/// <summary>A file's data as laid out in the image: the source, and the sector it starts at.</summary>
internal sealed class LayoutFile(string path, IsoFileSource? source, long length)
{
    /// <summary>The path in the tree, for error messages.</summary>
    public string Path { get; } = path;

    /// <summary>Where the content comes from; <c>null</c> for the boot catalog, which the writer generates.</summary>
    public IsoFileSource? Source { get; } = source;

    /// <summary>The content length in bytes.</summary>
    public long Length { get; } = length;

    /// <summary>The first sector (0 for an empty file).</summary>
    public uint Lba { get; set; }

    /// <summary>Sectors the content occupies.</summary>
    public long Sectors => Sector.Count(Length);

    /// <summary>True for the BIOS boot image when the boot info table is patched in while it is copied.</summary>
    public bool PatchBootInfoTable { get; set; }
}

/// <summary>A directory as laid out in one tree (primary or Joliet).</summary>
internal sealed class LayoutDirectory(StagedDirectory node, LayoutDirectory? parent, byte[] identifier)
{
    /// <summary>The staged directory.</summary>
    public StagedDirectory Node { get; } = node;

    /// <summary>The parent (<c>null</c> for the root).</summary>
    public LayoutDirectory? Parent { get; } = parent;

    /// <summary>The identifier its parent records for it (and its path table name; 0x00 for the root).</summary>
    public byte[] Identifier { get; } = identifier;

    /// <summary>The directory's records in order: ".", "..", then the children sorted as the tree requires.</summary>
    public List<LayoutRecord> Records { get; } = [];

    /// <summary>The 1-based number in the path table (breadth-first order).</summary>
    public int Number { get; set; }

    /// <summary>The first sector of the extent.</summary>
    public uint Lba { get; set; }

    /// <summary>The extent length in bytes (whole sectors).</summary>
    public uint Size { get; set; }
}

/// <summary>One directory record to write.</summary>
internal sealed class LayoutRecord
{
    /// <summary>The recorded identifier.</summary>
    public required byte[] Identifier { get; init; }

    /// <summary>The directory this record describes ("." / ".." / a subdirectory), if any.</summary>
    public LayoutDirectory? Directory { get; init; }

    /// <summary>The file whose extent this record describes, if any (a symbolic link has none).</summary>
    public LayoutFile? File { get; init; }

    /// <summary>The recording time.</summary>
    public DateTimeOffset Time { get; init; }

    /// <summary>SUSP entries kept in the record itself (without the CE entry).</summary>
    public byte[] InlineSystemUse { get; set; } = [];

    /// <summary>SUSP entries moved to a continuation area, or <c>null</c> when everything fits in the record.</summary>
    public byte[]? Continuation { get; set; }

    /// <summary>The sector of the continuation area.</summary>
    public uint ContinuationLba { get; set; }

    /// <summary>The offset of the continuation area in its sector.</summary>
    public uint ContinuationOffset { get; set; }

    /// <summary>The system use area length, CE entry included.</summary>
    public int SystemUseLength => InlineSystemUse.Length + (Continuation is null ? 0 : ContinuationEntry.EntryLength);

    /// <summary>The record length.</summary>
    public int Length => DirectoryRecord.LengthFor(Identifier.Length, SystemUseLength);

    /// <summary>The directory record, now that every location is known.</summary>
    public DirectoryRecord ToRecord()
    {
        var systemUse = InlineSystemUse;
        if (Continuation is not null)
        {
            systemUse = [.. InlineSystemUse, .. new ContinuationEntry(ContinuationLba, ContinuationOffset, (uint)Continuation.Length).ToEntry().ToBytes()];
        }

        return new DirectoryRecord
        {
            ExtentLba = Directory?.Lba ?? File?.Lba ?? 0,
            DataLength = Directory?.Size ?? (uint)(File?.Length ?? 0),
            RecordingTime = Time,
            Flags = Directory is null ? FileFlags.None : FileFlags.Directory,
            Identifier = Identifier,
            SystemUse = systemUse,
        };
    }
}
