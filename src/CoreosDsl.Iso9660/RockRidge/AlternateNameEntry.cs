namespace CoreosDsl.Iso9660;

/// <summary>
/// The Rock Ridge "NM" entry (RRIP 4.1.4): the POSIX name of the file, in bytes (UTF-8 by convention). A name longer
/// than one entry holds is split over several NM entries, each but the last with the CONTINUE flag.
/// </summary>
internal sealed record AlternateNameEntry(AlternateNameFlags Flags, byte[] Name)
{
    /// <summary>The signature.</summary>
    public const string Signature = "NM";

    /// <summary>The most name bytes one entry holds.</summary>
    public const int MaxNameBytes = SuspEntry.MaxLength - SuspEntry.HeaderLength - 1;

    /// <summary>The entry in SUSP form.</summary>
    public SuspEntry ToEntry() => new(Signature, 1, [(byte)Flags, .. Name]);

    /// <summary>Splits <paramref name="name"/> into as many NM entries as it needs.</summary>
    public static List<AlternateNameEntry> For(byte[] name)
    {
        var entries = new List<AlternateNameEntry>();
        for (var start = 0; start == 0 || start < name.Length; start += MaxNameBytes)
        {
            var length = Math.Min(MaxNameBytes, name.Length - start);
            var more = start + length < name.Length;
            entries.Add(new AlternateNameEntry(more ? AlternateNameFlags.Continue : AlternateNameFlags.None, name[start..(start + length)]));
        }

        return entries;
    }

    /// <summary>Parses an NM entry found at <paramref name="fileOffset"/>.</summary>
    public static AlternateNameEntry Parse(SuspEntry entry, long fileOffset)
    {
        entry.RequireDataLength(1, fileOffset);
        return new AlternateNameEntry((AlternateNameFlags)entry.Data[0], entry.Data[1..]);
    }
}

/// <summary>Flags of an NM entry.</summary>
[Flags]
internal enum AlternateNameFlags : byte
{
    /// <summary>A complete name (or its last part).</summary>
    None = 0,

    /// <summary>The name continues in the next NM entry.</summary>
    Continue = 1,

    /// <summary>The name is "." (no name bytes).</summary>
    Current = 2,

    /// <summary>The name is ".." (no name bytes).</summary>
    Parent = 4,
}
