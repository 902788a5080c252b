namespace CoreosDsl.Iso9660;

/// <summary>
/// The SUSP "SP" entry (SUSP 5.3): first in the system use area of the root's "." record, it says that SUSP is
/// in use (check bytes BE EF) and how many bytes to skip at the start of every other system use area.
/// </summary>
internal sealed record SharingProtocolEntry(byte SkipLength = 0)
{
    /// <summary>The signature.</summary>
    public const string Signature = "SP";

    /// <summary>The two check bytes.</summary>
    public static ReadOnlySpan<byte> CheckBytes => [0xBE, 0xEF];

    /// <summary>The entry in SUSP form.</summary>
    public SuspEntry ToEntry() => new(Signature, 1, [0xBE, 0xEF, SkipLength]);

    /// <summary>True when <paramref name="systemUse"/> starts with an SP entry (how SUSP is detected).</summary>
    public static bool IsPresent(ReadOnlySpan<byte> systemUse) =>
        systemUse.Length >= 7 && systemUse[0] == 'S' && systemUse[1] == 'P' && systemUse[2] >= 7 && systemUse.Slice(4, 2).SequenceEqual(CheckBytes);

    /// <summary>Parses an SP entry found at <paramref name="fileOffset"/>.</summary>
    public static SharingProtocolEntry Parse(SuspEntry entry, long fileOffset)
    {
        entry.RequireDataLength(3, fileOffset);
        if (!entry.Data.AsSpan(0, 2).SequenceEqual(CheckBytes))
        {
            throw new InvalidDataException($"Expected the SP check bytes BE EF at offset {fileOffset + 4}, found {entry.Data[0]:X2} {entry.Data[1]:X2}.");
        }

        return new SharingProtocolEntry(entry.Data[2]);
    }
}
