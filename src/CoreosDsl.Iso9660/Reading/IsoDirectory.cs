namespace CoreosDsl.Iso9660;

/// <summary>A directory of an ISO image. Its entries are read from the image the first time they are asked for.</summary>
public sealed class IsoDirectory : IsoEntry
{
    private IReadOnlyList<IsoEntry>? _entries;

    internal IsoDirectory(IsoImage image, IsoDirectory? parent, string name, string identifier, EntryAttributes attributes, uint lba, uint extentLength)
        : base(image, parent, name, identifier, attributes)
    {
        Lba = lba;
        ExtentLength = extentLength;
    }

    /// <summary>The first sector of the directory's extent.</summary>
    public uint Lba { get; }

    /// <summary>The length of the directory's extent in bytes.</summary>
    public uint ExtentLength { get; }

    /// <summary>
    /// The entries in recorded order, "." and ".." excluded. Throws <see cref="InvalidDataException"/> when the
    /// directory is malformed.
    /// </summary>
    public IReadOnlyList<IsoEntry> Entries => _entries ??= DirectoryReader.Read(this);

    /// <summary>The entry named <paramref name="name"/> (ordinal comparison), or <c>null</c>.</summary>
    public IsoEntry? GetEntry(string name) => Entries.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.Ordinal));
}
