namespace CoreosDsl.Iso9660;

/// <summary>
/// An entry of an ISO image's directory tree, as the reader presents it: a <see cref="IsoDirectory"/>, an
/// <see cref="IsoFile"/> or an <see cref="IsoSymbolicLink"/>. Names, permissions and times come from Rock Ridge
/// when the image has it, otherwise from the Joliet or ISO 9660 records.
/// </summary>
public abstract class IsoEntry
{
    private string? _fullPath;

    private protected IsoEntry(IsoImage image, IsoDirectory? parent, string name, string identifier, EntryAttributes attributes)
    {
        Image = image;
        Parent = parent;
        Name = name;
        Identifier = identifier;
        Mode = attributes.Mode;
        UserId = attributes.UserId;
        GroupId = attributes.GroupId;
        ModificationTime = attributes.ModificationTime;
        AccessTime = attributes.AccessTime;
    }

    /// <summary>The entry's name ("" for the root directory).</summary>
    public string Name { get; }

    /// <summary>The absolute path inside the image, "/" for the root, "/isolinux/isolinux.cfg" otherwise.</summary>
    public string FullPath => _fullPath ??= Parent is null ? "/" : Parent.Parent is null ? "/" + Name : Parent.FullPath + "/" + Name;

    /// <summary>The directory holding this entry; <c>null</c> for the root.</summary>
    public IsoDirectory? Parent { get; }

    /// <summary>
    /// The identifier as recorded in the directory record: "ISOLINUX.CFG;1" in the ISO 9660 tree, the UCS-2 name in
    /// the Joliet tree ("" for the root).
    /// </summary>
    public string Identifier { get; }

    /// <summary>The permission bits (Rock Ridge PX; without Rock Ridge r-x for directories, r-- for files).</summary>
    public UnixFileMode Mode { get; }

    /// <summary>The owner's user id (Rock Ridge only).</summary>
    public uint? UserId { get; }

    /// <summary>The owner's group id (Rock Ridge only).</summary>
    public uint? GroupId { get; }

    /// <summary>The modification time (Rock Ridge TF, else the record's recording time; the Unix epoch when neither is valid).</summary>
    public DateTimeOffset ModificationTime { get; }

    /// <summary>The last access time (Rock Ridge TF only).</summary>
    public DateTimeOffset? AccessTime { get; }

    /// <summary>The image this entry belongs to.</summary>
    internal IsoImage Image { get; }

    /// <inheritdoc />
    public override string ToString() => FullPath;

    /// <summary>What the directory record and its Rock Ridge entries say about an entry.</summary>
    internal readonly record struct EntryAttributes(UnixFileMode Mode, uint? UserId, uint? GroupId, DateTimeOffset ModificationTime, DateTimeOffset? AccessTime);
}
