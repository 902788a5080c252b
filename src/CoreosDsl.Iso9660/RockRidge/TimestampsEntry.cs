namespace CoreosDsl.Iso9660;

/// <summary>
/// The Rock Ridge "TF" entry (RRIP 4.1.6): the POSIX times of a file. A flags byte says which times follow, in
/// a fixed order, each as a 7-byte recording date (or a 17-byte volume date with the LONG_FORM flag).
/// </summary>
internal sealed record TimestampsEntry(TimestampsFlags Flags, IReadOnlyList<DateTimeOffset?> Times)
{
    /// <summary>The signature.</summary>
    public const string Signature = "TF";

    /// <summary>The TF entry mkisofs and xorriso write: modification, access and attribute change times.</summary>
    public static TimestampsEntry ForFile(DateTimeOffset modified, DateTimeOffset accessed, DateTimeOffset changed) =>
        new(TimestampsFlags.Modify | TimestampsFlags.Access | TimestampsFlags.Attributes, [modified, accessed, changed]);

    /// <summary>The time recorded for <paramref name="which"/>, when present.</summary>
    public DateTimeOffset? Get(TimestampsFlags which)
    {
        var index = 0;
        for (var bit = TimestampsFlags.Creation; bit <= TimestampsFlags.Effective; bit = (TimestampsFlags)((int)bit << 1))
        {
            if ((Flags & bit) == 0)
            {
                continue;
            }

            if (bit == which)
            {
                return index < Times.Count ? Times[index] : null;
            }

            index++;
        }

        return null;
    }

    /// <summary>The entry in SUSP form (short form: 7-byte times).</summary>
    public SuspEntry ToEntry()
    {
        if ((Flags & TimestampsFlags.LongForm) != 0)
        {
            throw new NotSupportedException("Only the short (7-byte) TF form is written.");
        }

        var data = new byte[1 + Times.Count * RecordingDateTime.Length];
        data[0] = (byte)Flags;
        for (var i = 0; i < Times.Count; i++)
        {
            if (Times[i] is { } time)
            {
                RecordingDateTime.Write(data.AsSpan(1 + i * RecordingDateTime.Length), time);
            }
        }

        return new SuspEntry(Signature, 1, data);
    }

    /// <summary>Parses a TF entry found at <paramref name="fileOffset"/>.</summary>
    public static TimestampsEntry Parse(SuspEntry entry, long fileOffset)
    {
        entry.RequireDataLength(1, fileOffset);
        var flags = (TimestampsFlags)entry.Data[0];
        var longForm = (flags & TimestampsFlags.LongForm) != 0;
        var size = longForm ? VolumeDateTime.Length : RecordingDateTime.Length;
        var count = System.Numerics.BitOperations.PopCount((uint)(flags & ~TimestampsFlags.LongForm));
        entry.RequireDataLength(1 + count * size, fileOffset);
        var times = new List<DateTimeOffset?>(count);
        for (var i = 0; i < count; i++)
        {
            var field = entry.Data.AsSpan(1 + i * size, size);
            times.Add(longForm ? VolumeDateTime.Read(field) : RecordingDateTime.Read(field));
        }

        return new TimestampsEntry(flags, times);
    }
}

/// <summary>Flags of a TF entry: which times are recorded, and their form.</summary>
[Flags]
internal enum TimestampsFlags : byte
{
    /// <summary>No time.</summary>
    None = 0,

    /// <summary>Creation time.</summary>
    Creation = 1,

    /// <summary>Modification time.</summary>
    Modify = 2,

    /// <summary>Last access time.</summary>
    Access = 4,

    /// <summary>Last attribute change time.</summary>
    Attributes = 8,

    /// <summary>Last backup time.</summary>
    Backup = 16,

    /// <summary>Expiration time.</summary>
    Expiration = 32,

    /// <summary>Effective time.</summary>
    Effective = 64,

    /// <summary>Times are 17-byte volume dates instead of 7-byte recording dates.</summary>
    LongForm = 128,
}
