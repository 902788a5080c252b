namespace CoreosDsl.Iso9660;

/// <summary>A run of consecutive sectors holding (part of) a file: its first sector and its length in bytes.</summary>
public readonly record struct IsoExtent(uint Lba, uint Length)
{
    /// <summary>The byte offset of the extent in the image.</summary>
    public long Offset => Sector.Offset(Lba);
}
