namespace CoreosDsl.Iso9660;

/// <summary>
/// The SUSP "CE" entry (SUSP 5.1): the system use area continues in a continuation area at
/// (sector, offset, length), because a directory record holds at most 255 bytes.
/// </summary>
internal sealed record ContinuationEntry(uint Lba, uint Offset, uint Length)
{
    /// <summary>The signature.</summary>
    public const string Signature = "CE";

    /// <summary>The entry's length in bytes (three both-endian numbers).</summary>
    public const int EntryLength = SuspEntry.HeaderLength + 24;

    /// <summary>The entry in SUSP form.</summary>
    public SuspEntry ToEntry()
    {
        var data = new byte[24];
        BothEndian.WriteUInt32(data, Lba);
        BothEndian.WriteUInt32(data.AsSpan(8), Offset);
        BothEndian.WriteUInt32(data.AsSpan(16), Length);
        return new SuspEntry(Signature, 1, data);
    }

    /// <summary>Parses a CE entry found at <paramref name="fileOffset"/>.</summary>
    public static ContinuationEntry Parse(SuspEntry entry, long fileOffset)
    {
        entry.RequireDataLength(24, fileOffset);
        return new ContinuationEntry(
            BothEndian.ReadUInt32(entry.Data),
            BothEndian.ReadUInt32(entry.Data.AsSpan(8)),
            BothEndian.ReadUInt32(entry.Data.AsSpan(16)));
    }
}
