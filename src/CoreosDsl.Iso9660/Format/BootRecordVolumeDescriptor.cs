using System.Buffers.Binary;

namespace CoreosDsl.Iso9660;

/// <summary>
/// The El Torito boot record volume descriptor (El Torito 1.0, 2.0): a type 0 descriptor whose boot system
/// identifier is "EL TORITO SPECIFICATION" and which holds the sector of the boot catalog.
/// </summary>
internal sealed class BootRecordVolumeDescriptor
{
    /// <summary>Offset of the 32-byte boot system identifier.</summary>
    public const int BootSystemIdentifierOffset = 7;

    /// <summary>Offset of the 32-byte boot identifier (unused by El Torito).</summary>
    public const int BootIdentifierOffset = 39;

    /// <summary>Offset of the little-endian sector of the boot catalog.</summary>
    public const int BootCatalogLbaOffset = 71;

    /// <summary>The boot system identifier El Torito uses.</summary>
    public const string ElToritoIdentifier = "EL TORITO SPECIFICATION";

    /// <summary>The boot system identifier (NUL padded).</summary>
    public string BootSystemIdentifier { get; init; } = ElToritoIdentifier;

    /// <summary>The sector of the boot catalog.</summary>
    public uint BootCatalogLba { get; init; }

    /// <summary>True when this is an El Torito boot record.</summary>
    public bool IsElTorito => BootSystemIdentifier == ElToritoIdentifier;

    /// <summary>The descriptor as a 2048-byte sector.</summary>
    public byte[] ToBytes()
    {
        var sector = new byte[Sector.Size];
        VolumeDescriptorHeader.Write(sector, VolumeDescriptorType.BootRecord);
        System.Text.Encoding.ASCII.GetBytes(BootSystemIdentifier, sector.AsSpan(BootSystemIdentifierOffset, 32));
        BinaryPrimitives.WriteUInt32LittleEndian(sector.AsSpan(BootCatalogLbaOffset), BootCatalogLba);
        return sector;
    }

    /// <summary>Parses a boot record from the sector at <paramref name="fileOffset"/>.</summary>
    public static BootRecordVolumeDescriptor Parse(ReadOnlySpan<byte> sector, long fileOffset)
    {
        if (sector.Length < Sector.Size)
        {
            throw new InvalidDataException($"Expected a 2048-byte volume descriptor at offset {fileOffset}, found {sector.Length} bytes.");
        }

        var type = VolumeDescriptorHeader.ReadType(sector, fileOffset);
        if (type != VolumeDescriptorType.BootRecord)
        {
            throw new InvalidDataException($"Expected a boot record (type 0) at offset {fileOffset}, found type {(byte)type}.");
        }

        return new BootRecordVolumeDescriptor
        {
            BootSystemIdentifier = TextField.ReadAscii(sector.Slice(BootSystemIdentifierOffset, 32)),
            BootCatalogLba = BinaryPrimitives.ReadUInt32LittleEndian(sector[BootCatalogLbaOffset..]),
        };
    }
}
