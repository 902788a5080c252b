using System.Buffers.Binary;

namespace CoreosDsl.Images.Mbr;

/// <summary>
/// Sector 0 of a partitioned disk: up to 440 bytes of boot code, the 32-bit disk signature, four partition entries
/// and the 0x55AA signature.
/// </summary>
public sealed class MasterBootRecord
{
    private const int DiskSignatureOffset = 440;
    private const int ReservedOffset = 444;
    private const int PartitionTableOffset = 446;
    private const int SignatureOffset = 510;

    /// <summary>Bytes of boot code an MBR holds (what <c>dd bs=440 count=1</c> copies from syslinux's mbr.bin).</summary>
    public const int BootCodeSize = 440;

    /// <summary>Bytes of the record.</summary>
    public const int Size = 512;

    private readonly byte[] _bootCode;

    /// <summary>A record with <paramref name="bootCode"/> (at most 440 bytes, zero-padded), a disk signature and up to four partitions.</summary>
    public MasterBootRecord(ReadOnlySpan<byte> bootCode, uint diskSignature, IReadOnlyList<MbrPartitionEntry> partitions)
    {
        if (bootCode.Length > BootCodeSize)
        {
            throw new ArgumentException($"MBR boot code is at most {BootCodeSize} bytes, found {bootCode.Length}.", nameof(bootCode));
        }

        if (partitions.Count > 4)
        {
            throw new ArgumentException($"An MBR holds 4 partitions, found {partitions.Count}.", nameof(partitions));
        }

        _bootCode = new byte[BootCodeSize];
        bootCode.CopyTo(_bootCode);
        DiskSignature = diskSignature;
        Partitions = [.. partitions, .. Enumerable.Repeat(MbrPartitionEntry.Empty, 4 - partitions.Count)];
    }

    /// <summary>The 440 bytes of boot code.</summary>
    public ReadOnlySpan<byte> BootCode => _bootCode;

    /// <summary>The disk signature (sfdisk's <c>label-id</c>).</summary>
    public uint DiskSignature { get; }

    /// <summary>The four entries, empty ones included.</summary>
    public IReadOnlyList<MbrPartitionEntry> Partitions { get; }

    /// <summary>
    /// Reads MBR boot code from a file: a bare code file of at most 440 bytes (syslinux's
    /// <c>/usr/lib/syslinux/mbr/mbr.bin</c>), or a disk image or MBR sector (its first 440 bytes, when the
    /// sector ends in 55 AA), such as the first sector of a vendor's USB image.
    /// </summary>
    public static byte[] LoadBootCode(string path)
    {
        using var file = File.OpenRead(path);
        if (file.Length <= BootCodeSize)
        {
            var code = new byte[file.Length];
            file.ReadExactly(code);
            return code;
        }

        var sector = new byte[Size];
        if (file.Length < Size || file.Read(sector) != Size || sector[SignatureOffset] != 0x55 || sector[SignatureOffset + 1] != 0xAA)
        {
            throw new InvalidDataException(
                $"'{path}' is neither MBR boot code (at most {BootCodeSize} bytes) nor a disk image with an MBR (55 AA at offset {SignatureOffset}).");
        }

        return sector[..BootCodeSize];
    }

    /// <summary>The 512 bytes.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[Size];
        _bootCode.CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(DiskSignatureOffset), DiskSignature);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(ReservedOffset), 0);
        for (var i = 0; i < 4; i++)
        {
            Partitions[i].WriteTo(bytes.AsSpan(PartitionTableOffset + (i * MbrPartitionEntry.Size)));
        }

        bytes[SignatureOffset] = 0x55;
        bytes[SignatureOffset + 1] = 0xAA;
        return bytes;
    }

    /// <summary>Reads a record, checking the signature and the entries.</summary>
    public static MasterBootRecord Parse(ReadOnlySpan<byte> sector)
    {
        if (sector.Length < Size)
        {
            throw new InvalidDataException($"expected a {Size}-byte MBR at offset 0, found {sector.Length} bytes");
        }

        if (sector[SignatureOffset] != 0x55 || sector[SignatureOffset + 1] != 0xAA)
        {
            throw new InvalidDataException($"expected the MBR signature 55 AA at offset {SignatureOffset}, found {sector[SignatureOffset]:X2} {sector[SignatureOffset + 1]:X2}");
        }

        var partitions = new List<MbrPartitionEntry>(4);
        for (var i = 0; i < 4; i++)
        {
            var offset = PartitionTableOffset + (i * MbrPartitionEntry.Size);
            partitions.Add(MbrPartitionEntry.Parse(sector.Slice(offset, MbrPartitionEntry.Size), offset));
        }

        return new MasterBootRecord(sector[..BootCodeSize], BinaryPrimitives.ReadUInt32LittleEndian(sector[DiskSignatureOffset..]), partitions);
    }
}
