namespace CoreosDsl.Iso9660;

/// <summary>
/// The Rock Ridge "PX" entry (RRIP 4.1.1): POSIX file mode (type and permission bits), link count, owner and
/// group. RRIP 1.12 adds a file serial number (44 bytes instead of 36); both forms are read, the 1.10 form written.
/// </summary>
internal sealed record PosixAttributesEntry(uint Mode, uint Links, uint Uid, uint Gid, uint? SerialNumber = null)
{
    /// <summary>The signature.</summary>
    public const string Signature = "PX";

    /// <summary>S_IFDIR.</summary>
    public const uint DirectoryType = 0x4000;

    /// <summary>S_IFREG.</summary>
    public const uint RegularFileType = 0x8000;

    /// <summary>S_IFLNK.</summary>
    public const uint SymbolicLinkType = 0xA000;

    /// <summary>The mask of the file type bits (S_IFMT).</summary>
    public const uint TypeMask = 0xF000;

    /// <summary>The entry in SUSP form.</summary>
    public SuspEntry ToEntry()
    {
        var data = new byte[SerialNumber is null ? 32 : 40];
        BothEndian.WriteUInt32(data, Mode);
        BothEndian.WriteUInt32(data.AsSpan(8), Links);
        BothEndian.WriteUInt32(data.AsSpan(16), Uid);
        BothEndian.WriteUInt32(data.AsSpan(24), Gid);
        if (SerialNumber is { } serial)
        {
            BothEndian.WriteUInt32(data.AsSpan(32), serial);
        }

        return new SuspEntry(Signature, 1, data);
    }

    /// <summary>Parses a PX entry found at <paramref name="fileOffset"/>.</summary>
    public static PosixAttributesEntry Parse(SuspEntry entry, long fileOffset)
    {
        entry.RequireDataLength(32, fileOffset);
        return new PosixAttributesEntry(
            BothEndian.ReadUInt32(entry.Data),
            BothEndian.ReadUInt32(entry.Data.AsSpan(8)),
            BothEndian.ReadUInt32(entry.Data.AsSpan(16)),
            BothEndian.ReadUInt32(entry.Data.AsSpan(24)),
            entry.Data.Length >= 40 ? BothEndian.ReadUInt32(entry.Data.AsSpan(32)) : null);
    }
}
