using System.Text;

namespace CoreosDsl.Iso9660;

/// <summary>
/// What the Rock Ridge entries of one directory record say: the POSIX name, mode, owner, times, symbolic link
/// target and relocation links. Reads the record's system use area and follows its continuation areas.
/// </summary>
internal sealed class RockRidgeAttributes
{
    /// <summary>More continuation areas than this for one record means a loop.</summary>
    private const int MaxContinuations = 32;

    /// <summary>The largest continuation area accepted: larger ones come only from corrupt images.</summary>
    private const int MaxContinuationLength = 64 * 1024;

    public string? Name { get; private set; }

    public uint? Mode { get; private set; }

    public uint? Uid { get; private set; }

    public uint? Gid { get; private set; }

    public DateTimeOffset? Modified { get; private set; }

    public DateTimeOffset? Accessed { get; private set; }

    public DateTimeOffset? Changed { get; private set; }

    public string? SymbolicLinkTarget { get; private set; }

    /// <summary>RE: this directory was moved here from a deeper place; hide it from this parent.</summary>
    public bool IsRelocated { get; private set; }

    /// <summary>CL: this placeholder stands for the directory whose extent starts here.</summary>
    public uint? ChildLinkLba { get; private set; }

    /// <summary>Reads the Rock Ridge entries of <paramref name="record"/>, found at <paramref name="recordOffset"/>.</summary>
    public static RockRidgeAttributes Read(DirectoryRecord record, long recordOffset, int skipLength, ImageSource source)
    {
        var attributes = new RockRidgeAttributes();
        var name = new List<byte>();
        var nameComplete = false;
        var links = new List<SymbolicLinkEntry>();
        foreach (var (entry, offset) in ReadEntries(record, recordOffset, skipLength, source))
        {
            switch (entry.Signature)
            {
                case PosixAttributesEntry.Signature:
                    var px = PosixAttributesEntry.Parse(entry, offset);
                    (attributes.Mode, attributes.Uid, attributes.Gid) = (px.Mode, px.Uid, px.Gid);
                    break;
                case AlternateNameEntry.Signature:
                    var nm = AlternateNameEntry.Parse(entry, offset);
                    if (!nameComplete && (nm.Flags & (AlternateNameFlags.Current | AlternateNameFlags.Parent)) == 0)
                    {
                        name.AddRange(nm.Name);
                        nameComplete = (nm.Flags & AlternateNameFlags.Continue) == 0;
                    }

                    break;
                case SymbolicLinkEntry.Signature:
                    links.Add(SymbolicLinkEntry.Parse(entry, offset));
                    break;
                case TimestampsEntry.Signature:
                    var tf = TimestampsEntry.Parse(entry, offset);
                    attributes.Modified = tf.Get(TimestampsFlags.Modify);
                    attributes.Accessed = tf.Get(TimestampsFlags.Access);
                    attributes.Changed = tf.Get(TimestampsFlags.Attributes);
                    break;
                case ChildLinkEntry.RelocatedSignature:
                    attributes.IsRelocated = true;
                    break;
                case ChildLinkEntry.Signature:
                    attributes.ChildLinkLba = ChildLinkEntry.Parse(entry, offset).Lba;
                    break;
            }
        }

        if (name.Count > 0)
        {
            attributes.Name = DecodeName([.. name]);
        }

        if (links.Count > 0)
        {
            attributes.SymbolicLinkTarget = SymbolicLinkEntry.ToTarget(links);
        }

        return attributes;
    }

    /// <summary>The SUSP entries of a record's system use area and of the continuation areas it chains to.</summary>
    public static List<(SuspEntry Entry, long Offset)> ReadEntries(DirectoryRecord record, long recordOffset, int skipLength, ImageSource source)
    {
        var entries = new List<(SuspEntry, long)>();
        if (skipLength >= record.SystemUse.Length)
        {
            return entries;
        }

        byte[] area = record.SystemUse[skipLength..];
        var areaOffset = recordOffset + record.SystemUseOffset + skipLength;
        for (var hops = 0; ; hops++)
        {
            ContinuationEntry? next = null;
            long nextOffset = 0;
            foreach (var (entry, offset) in SuspEntry.ParseArea(area, areaOffset))
            {
                if (entry.Signature != ContinuationEntry.Signature)
                {
                    entries.Add((entry, offset));
                }
                else if (next is not null)
                {
                    throw new InvalidDataException($"A system use area has a second CE entry at offset {offset}; SUSP allows one per area.");
                }
                else
                {
                    (next, nextOffset) = (ContinuationEntry.Parse(entry, offset), offset);
                }
            }

            if (next is null)
            {
                return entries;
            }

            if (hops == MaxContinuations)
            {
                throw new InvalidDataException($"The CE entry at offset {nextOffset} continues a chain of {MaxContinuations} continuation areas: the chain loops.");
            }

            if (next.Length > MaxContinuationLength)
            {
                throw new InvalidDataException(
                    $"The CE entry at offset {nextOffset} points at a {next.Length}-byte continuation area; at most {MaxContinuationLength} bytes are expected.");
            }

            areaOffset = Sector.Offset(next.Lba) + next.Offset;
            area = source.ReadMetadata(areaOffset, (int)next.Length, $"the continuation area of the CE entry at offset {nextOffset}");
        }
    }

    private static string DecodeName(byte[] name)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(name);
        }
        catch (DecoderFallbackException)
        {
            // Names from non-UTF-8 systems: keep every byte readable rather than refusing the image.
            return Encoding.Latin1.GetString(name);
        }
    }
}
