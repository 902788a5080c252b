namespace CoreosDsl.Iso9660;

/// <summary>
/// The Rock Ridge side of the writer: the PX and TF entries every record carries (mode, link count, owner 0:0,
/// times), and how a record's entries are split between the record (at most 255 bytes) and a continuation area.
/// </summary>
internal static class RockRidgeEntries
{
    /// <summary>PX (file type, permissions, links, uid 0, gid 0) and TF (modify, access, change) for <paramref name="node"/>.</summary>
    public static IEnumerable<SuspEntry> Attributes(StagedNode node, DateTimeOffset time)
    {
        var (type, links) = node switch
        {
            StagedDirectory d => (PosixAttributesEntry.DirectoryType, 2u + (uint)d.Children.Values.Count(c => c is StagedDirectory)),
            StagedSymbolicLink => (PosixAttributesEntry.SymbolicLinkType, 1u),
            _ => (PosixAttributesEntry.RegularFileType, 1u),
        };
        yield return new PosixAttributesEntry(type | ((uint)node.Mode & 0xFFF), links, 0, 0).ToEntry();
        yield return TimestampsEntry.ForFile(time, time, time).ToEntry();
    }

    /// <summary>Keeps the longest prefix of <paramref name="entries"/> that fits the record; the rest goes to a continuation area.</summary>
    public static void Place(LayoutRecord record, List<SuspEntry> entries)
    {
        // A record is at most 255 bytes and even, so the system use area ends by byte 254.
        var available = 254 - DirectoryRecord.SystemUseOffsetFor(record.Identifier.Length);
        var total = entries.Sum(e => e.Length);
        if (total <= available)
        {
            record.InlineSystemUse = Concat(entries);
            return;
        }

        var inline = 0;
        var used = 0;
        while (inline < entries.Count && used + entries[inline].Length <= available - ContinuationEntry.EntryLength)
        {
            used += entries[inline++].Length;
        }

        record.InlineSystemUse = Concat(entries.Take(inline));
        record.Continuation = Concat(entries.Skip(inline));
        if (record.Continuation.Length > Sector.Size)
        {
            throw new InvalidOperationException(
                $"The Rock Ridge entries of one record need {record.Continuation.Length} bytes of continuation area; at most {Sector.Size} are supported " +
                "(is a symbolic link target extremely long?).");
        }
    }

    private static byte[] Concat(IEnumerable<SuspEntry> entries)
    {
        var bytes = new List<byte>();
        foreach (var entry in entries)
        {
            bytes.AddRange(entry.ToBytes());
        }

        return [.. bytes];
    }
}
