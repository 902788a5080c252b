namespace CoreosDsl.Iso9660;

/// <summary>
/// The first 7 bytes every volume descriptor shares (ECMA-119 8.1): type, standard identifier "CD001", version 1.
/// The set terminator is just this header followed by zeros.
/// </summary>
internal static class VolumeDescriptorHeader
{
    /// <summary>Offset of the type byte.</summary>
    public const int TypeOffset = 0;

    /// <summary>Offset of the standard identifier "CD001".</summary>
    public const int IdentifierOffset = 1;

    /// <summary>Offset of the version byte.</summary>
    public const int VersionOffset = 6;

    /// <summary>The standard identifier.</summary>
    public static ReadOnlySpan<byte> StandardIdentifier => "CD001"u8;

    /// <summary>Writes the header of a descriptor of <paramref name="type"/> into a sector buffer.</summary>
    public static void Write(Span<byte> sector, VolumeDescriptorType type)
    {
        sector[TypeOffset] = (byte)type;
        StandardIdentifier.CopyTo(sector[IdentifierOffset..]);
        sector[VersionOffset] = 1;
    }

    /// <summary>A complete set terminator sector.</summary>
    public static byte[] Terminator()
    {
        var sector = new byte[Sector.Size];
        Write(sector, VolumeDescriptorType.SetTerminator);
        return sector;
    }

    /// <summary>
    /// Checks the standard identifier and returns the type; throws when the sector at <paramref name="fileOffset"/> is
    /// not a volume descriptor.
    /// </summary>
    public static VolumeDescriptorType ReadType(ReadOnlySpan<byte> sector, long fileOffset)
    {
        if (!sector.Slice(IdentifierOffset, 5).SequenceEqual(StandardIdentifier))
        {
            throw new InvalidDataException(
                $"Expected the volume descriptor identifier 'CD001' at offset {fileOffset + IdentifierOffset}, found " +
                $"'{TextField.ReadAscii(sector.Slice(IdentifierOffset, 5))}': this is not an ISO 9660 image or it is damaged.");
        }

        var type = sector[TypeOffset];
        if (type is > (byte)VolumeDescriptorType.Partition and < (byte)VolumeDescriptorType.SetTerminator)
        {
            throw new InvalidDataException(
                $"Unknown volume descriptor type {type} at offset {fileOffset}: expected 0 (boot record), 1 (primary), " +
                "2 (supplementary), 3 (partition) or 255 (terminator).");
        }

        return (VolumeDescriptorType)type;
    }
}
