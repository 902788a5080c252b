namespace CoreosDsl.Iso9660;

/// <summary>A regular file of an ISO image: one extent, or several for a multi-extent file (ISO 9660 level 3).</summary>
public sealed class IsoFile : IsoEntry
{
    internal IsoFile(IsoImage image, IsoDirectory parent, string name, string identifier, EntryAttributes attributes, IReadOnlyList<IsoExtent> extents)
        : base(image, parent, name, identifier, attributes)
    {
        Extents = extents;
        Length = extents.Sum(e => (long)e.Length);
    }

    /// <summary>The file's length in bytes.</summary>
    public long Length { get; }

    /// <summary>The extents holding the data, in order; more than one for a multi-extent file.</summary>
    public IReadOnlyList<IsoExtent> Extents { get; }

    /// <summary>True when the file is recorded in more than one extent.</summary>
    public bool IsMultiExtent => Extents.Count > 1;

    /// <summary>The first sector of the data.</summary>
    public uint Lba => Extents[0].Lba;

    /// <summary>Opens a read-only, seekable stream over the file's data, read lazily from the image.</summary>
    public Stream Open() => new ExtentStream(Image.Source, Extents);
}
