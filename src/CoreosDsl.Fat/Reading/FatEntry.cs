namespace CoreosDsl.Fat;

/// <summary>A file or directory read from a FAT volume by <see cref="FatFileSystem"/>.</summary>
public sealed class FatEntry
{
    internal FatEntry(string path, string name, string shortName, FatAttributes attributes, long length, uint firstCluster,
        DateTime? lastWriteTime, long entryOffset)
    {
        Path = path;
        Name = name;
        ShortName = shortName;
        Attributes = attributes;
        Length = length;
        FirstCluster = firstCluster;
        LastWriteTime = lastWriteTime;
        EntryOffset = entryOffset;
    }

    /// <summary>The '/'-separated path from the root, built from long names.</summary>
    public string Path { get; }

    /// <summary>The long name, or the 8.3 name (with Windows NT case bits applied) when there is no valid long name.</summary>
    public string Name { get; }

    /// <summary>The 8.3 name as "BASE.EXT", in upper case as stored.</summary>
    public string ShortName { get; }

    /// <summary>The attribute byte.</summary>
    public FatAttributes Attributes { get; }

    /// <summary>True for a directory.</summary>
    public bool IsDirectory => (Attributes & FatAttributes.Directory) != 0;

    /// <summary>The file length in bytes (0 for directories).</summary>
    public long Length { get; }

    /// <summary>The first cluster of the data (0 for an empty file).</summary>
    public uint FirstCluster { get; }

    /// <summary>The last-write time as stored (FAT keeps no time zone), or null when the stored date is impossible.</summary>
    public DateTime? LastWriteTime { get; }

    /// <summary>The byte offset of the 8.3 entry in the image (from the start of the stream, not the volume).</summary>
    public long EntryOffset { get; }

    /// <inheritdoc/>
    public override string ToString() => Path;
}
