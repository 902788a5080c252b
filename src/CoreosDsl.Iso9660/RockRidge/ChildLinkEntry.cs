namespace CoreosDsl.Iso9660;

/// <summary>
/// The Rock Ridge "CL" entry (RRIP 4.1.5.1): a placeholder file standing for a directory that was relocated
/// (because ECMA-119 limits depth to 8); the directory's real extent is at <see cref="Lba"/>. The relocated
/// directory itself carries "RE" and is hidden from its artificial parent.
/// </summary>
internal sealed record ChildLinkEntry(uint Lba)
{
    /// <summary>The signature.</summary>
    public const string Signature = "CL";

    /// <summary>The signature of the entry marking a relocated directory.</summary>
    public const string RelocatedSignature = "RE";

    /// <summary>The entry in SUSP form.</summary>
    public SuspEntry ToEntry()
    {
        var data = new byte[8];
        BothEndian.WriteUInt32(data, Lba);
        return new SuspEntry(Signature, 1, data);
    }

    /// <summary>Parses a CL entry found at <paramref name="fileOffset"/>.</summary>
    public static ChildLinkEntry Parse(SuspEntry entry, long fileOffset)
    {
        entry.RequireDataLength(8, fileOffset);
        return new ChildLinkEntry(BothEndian.ReadUInt32(entry.Data));
    }
}
