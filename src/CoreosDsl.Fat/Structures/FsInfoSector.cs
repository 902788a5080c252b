using System.Buffers.Binary;

namespace CoreosDsl.Fat;

/// <summary>
/// The FAT32 FSInfo sector (fatgen103, "FAT32 FSInfo Sector Structure"): a hint of the free cluster count and
/// of where to look for the next free cluster, framed by three signatures.
/// </summary>
internal sealed record FsInfoSector(uint FreeClusterCount, uint NextFreeCluster)
{
    private const int LeadSignatureOffset = 0;
    private const int StructureSignatureOffset = 484;
    private const int FreeCountOffset = 488;
    private const int NextFreeOffset = 492;
    private const int TrailSignatureOffset = 508;

    private const uint LeadSignature = 0x41615252;      // "RRaA"
    private const uint StructureSignature = 0x61417272; // "rrAa"
    private const uint TrailSignature = 0xAA550000;

    /// <summary>The value that means "unknown" in both fields.</summary>
    public const uint Unknown = 0xFFFFFFFF;

    /// <summary>Writes the 512-byte sector.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[FatLimits.SectorSize];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(LeadSignatureOffset), LeadSignature);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(StructureSignatureOffset), StructureSignature);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(FreeCountOffset), FreeClusterCount);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(NextFreeOffset), NextFreeCluster);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(TrailSignatureOffset), TrailSignature);
        return bytes;
    }

    /// <summary>Reads and checks the sector found at <paramref name="position"/> of its image.</summary>
    public static FsInfoSector Parse(ReadOnlySpan<byte> sector, long position = 0)
    {
        if (sector.Length < FatLimits.SectorSize)
        {
            throw new InvalidDataException($"expected a 512-byte FSInfo sector at offset {position}, found {sector.Length} bytes");
        }

        Check(sector, LeadSignatureOffset, LeadSignature, position);
        Check(sector, StructureSignatureOffset, StructureSignature, position);
        Check(sector, TrailSignatureOffset, TrailSignature, position);
        return new FsInfoSector(
            BinaryPrimitives.ReadUInt32LittleEndian(sector[FreeCountOffset..]),
            BinaryPrimitives.ReadUInt32LittleEndian(sector[NextFreeOffset..]));
    }

    private static void Check(ReadOnlySpan<byte> sector, int offset, uint expected, long position)
    {
        var found = BinaryPrimitives.ReadUInt32LittleEndian(sector[offset..]);
        if (found != expected)
        {
            throw new InvalidDataException($"expected the FSInfo signature 0x{expected:X8} at offset {position + offset}, found 0x{found:X8}");
        }
    }
}
