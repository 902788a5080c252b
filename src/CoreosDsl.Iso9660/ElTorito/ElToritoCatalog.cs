namespace CoreosDsl.Iso9660;

/// <summary>
/// The El Torito boot catalog (El Torito 2.0): a validation entry, the initial/default entry, then optional
/// sections (a header and its entries) for further platforms, such as UEFI (platform 0xEF).
/// </summary>
public sealed class ElToritoCatalog
{
    /// <summary>Extension entries (El Torito 2.5) that continue a section entry's selection criteria start with 0x44.</summary>
    private const byte ExtensionIndicator = 0x44;

    /// <summary>The most catalog bytes read: 16 sectors, 1024 entries, far more than any real catalog.</summary>
    internal const int MaxCatalogBytes = 16 * Sector.Size;

    internal ElToritoCatalog(uint lba, ElToritoPlatform platform, string idString, IReadOnlyList<ElToritoBootEntry> entries)
    {
        Lba = lba;
        ValidationPlatform = platform;
        IdString = idString;
        Entries = entries;
    }

    /// <summary>The sector holding the catalog.</summary>
    public uint Lba { get; }

    /// <summary>The platform named by the validation entry (the default entry's platform).</summary>
    public ElToritoPlatform ValidationPlatform { get; }

    /// <summary>The manufacturer ID string of the validation entry.</summary>
    public string IdString { get; }

    /// <summary>The boot entries: the initial/default entry first, then every section entry in catalog order.</summary>
    public IReadOnlyList<ElToritoBootEntry> Entries { get; }

    /// <summary>The initial/default entry.</summary>
    public ElToritoBootEntry DefaultEntry => Entries[0];

    /// <summary>Builds a one-sector catalog: <paramref name="entries"/>[0] is the default entry, the rest get one section each.</summary>
    internal static byte[] Build(IReadOnlyList<ElToritoBootEntry> entries)
    {
        if (entries.Count == 0 || 2 + 2 * (entries.Count - 1) > Sector.Size / ValidationEntry.Length)
        {
            throw new ArgumentException($"A one-sector boot catalog holds 1 to 32 entries, not {entries.Count}.", nameof(entries));
        }

        var sector = new byte[Sector.Size];
        new ValidationEntry(entries[0].Platform).ToBytes().CopyTo(sector, 0);
        entries[0].ToBytes().CopyTo(sector, ValidationEntry.Length);
        var position = 2 * ValidationEntry.Length;
        for (var i = 1; i < entries.Count; i++)
        {
            new SectionHeaderEntry(i == entries.Count - 1, entries[i].Platform, 1).ToBytes().CopyTo(sector, position);
            entries[i].ToBytes().CopyTo(sector, position + ValidationEntry.Length);
            position += 2 * ValidationEntry.Length;
        }

        return sector;
    }

    /// <summary>Parses the catalog in <paramref name="data"/> (its sector and what follows), found at sector <paramref name="lba"/>.</summary>
    internal static ElToritoCatalog Parse(ReadOnlySpan<byte> data, uint lba)
    {
        var fileOffset = Sector.Offset(lba);
        if (data.Length < 2 * ValidationEntry.Length)
        {
            throw new InvalidDataException($"The boot catalog at offset {fileOffset} is cut off: the image ends after {data.Length} bytes of it.");
        }

        var validation = ValidationEntry.Parse(data, fileOffset);
        var entries = new List<ElToritoBootEntry>
        {
            ElToritoBootEntry.Parse(data[ValidationEntry.Length..], validation.Platform, fileOffset + ValidationEntry.Length),
        };

        var position = 2 * ValidationEntry.Length;
        var final = false;
        while (!final && position + ValidationEntry.Length <= data.Length && data[position] != 0)
        {
            var header = SectionHeaderEntry.Parse(data[position..], fileOffset + position);
            final = header.IsFinal;
            position += ValidationEntry.Length;
            for (var i = 0; i < header.EntryCount; i++)
            {
                if (position + ValidationEntry.Length > data.Length)
                {
                    throw new InvalidDataException(
                        $"The boot catalog section header at offset {fileOffset + position - ValidationEntry.Length * (i + 1)} announces " +
                        $"{header.EntryCount} entries, but the catalog ends at offset {fileOffset + data.Length} after {i}.");
                }

                var entryOffset = position;
                entries.Add(ElToritoBootEntry.Parse(data[position..], header.Platform, fileOffset + position));
                position += ValidationEntry.Length;

                // Skip the extension entries of this section entry.
                var more = (data[entryOffset + ElToritoBootEntry.MediaTypeOffset] & ElToritoBootEntry.ContinuationFlag) != 0;
                while (more)
                {
                    if (position + ValidationEntry.Length > data.Length || data[position] != ExtensionIndicator)
                    {
                        throw new InvalidDataException(
                            $"Expected a boot catalog extension entry (0x44) at offset {fileOffset + position}, as the entry at offset " +
                            $"{fileOffset + entryOffset} announces one.");
                    }

                    more = (data[position + 1] & ElToritoBootEntry.ContinuationFlag) != 0;
                    position += ValidationEntry.Length;
                }
            }
        }

        return new ElToritoCatalog(lba, validation.Platform, validation.IdString, entries);
    }
}
