using System.Buffers.Binary;

namespace CoreosDsl.Iso9660;

/// <summary>One 16-byte entry of an MBR partition table. Addresses count 512-byte sectors.</summary>
public readonly record struct MbrPartitionEntry(byte Status, CylinderHeadSector Start, byte Type, CylinderHeadSector End, uint StartLba, uint SectorCount)
{
    internal const int Length = 16;
    internal const int StatusOffset = 0;
    internal const int StartChsOffset = 1;
    internal const int TypeOffset = 4;
    internal const int EndChsOffset = 5;
    internal const int StartLbaOffset = 8;
    internal const int SectorCountOffset = 12;

    /// <summary>The status byte marking the active (bootable) partition.</summary>
    public const byte Active = 0x80;

    /// <summary>True when the slot is unused (type 0 and no sectors).</summary>
    public bool IsEmpty => Type == 0 && SectorCount == 0;

    internal void WriteTo(Span<byte> destination)
    {
        destination[StatusOffset] = Status;
        Start.WriteTo(destination[StartChsOffset..]);
        destination[TypeOffset] = Type;
        End.WriteTo(destination[EndChsOffset..]);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[StartLbaOffset..], StartLba);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[SectorCountOffset..], SectorCount);
    }

    internal static MbrPartitionEntry Read(ReadOnlySpan<byte> source) => new(
        source[StatusOffset], CylinderHeadSector.Read(source[StartChsOffset..]), source[TypeOffset],
        CylinderHeadSector.Read(source[EndChsOffset..]), BinaryPrimitives.ReadUInt32LittleEndian(source[StartLbaOffset..]),
        BinaryPrimitives.ReadUInt32LittleEndian(source[SectorCountOffset..]));
}
