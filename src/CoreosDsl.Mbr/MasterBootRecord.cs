using System.Buffers.Binary;

namespace CoreosDsl.Mbr;

/// <summary>
/// Sector 0 of a partitioned disk or hybrid image: up to 440 bytes of boot code, the 32-bit disk signature at
/// 0x1B8, two reserved bytes, four partition entries at 0x1BE and the 55 AA signature at 0x1FE.
/// </summary>
public sealed class MasterBootRecord
{
    /// <summary>Bytes of the record.</summary>
    public const int Size = 512;

    /// <summary>Bytes of boot code an MBR holds (what <c>dd bs=440 count=1</c> copies from syslinux's mbr.bin).</summary>
    public const int BootCodeSize = 440;

    /// <summary>Offset of the 32-bit disk signature (sfdisk's <c>label-id</c>).</summary>
    public const int DiskSignatureOffset = 0x1B8;

    /// <summary>Offset of the first partition entry.</summary>
    public const int PartitionTableOffset = 0x1BE;

    /// <summary>Offset of the 55 AA boot signature.</summary>
    public const int SignatureOffset = 0x1FE;

    private readonly byte[] _bootCode;

    /// <summary>A record with <paramref name="bootCode"/> (at most 440 bytes, zero-padded), a disk signature and up to four partitions.</summary>
    /// <exception cref="ArgumentException">More than 440 bytes of code or more than four partitions.</exception>
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
    public ReadOnlyMemory<byte> BootCode => _bootCode;

    /// <summary>The disk signature at 0x1B8.</summary>
    public uint DiskSignature { get; }

    /// <summary>The four entries, empty ones included.</summary>
    public IReadOnlyList<MbrPartitionEntry> Partitions { get; }

    /// <summary>
    /// Reads MBR boot code from a file: a bare code file of at most 440 bytes (syslinux's
    /// <c>/usr/lib/syslinux/mbr/mbr.bin</c>), or a disk image or MBR sector (its first 440 bytes, when the
    /// sector ends in 55 AA), such as the first sector of a vendor's USB image.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is neither; the message names it.</exception>
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
        for (var i = 0; i < 4; i++)
        {
            Partitions[i].WriteTo(bytes.AsSpan(PartitionTableOffset + (i * MbrPartitionEntry.Size)));
        }

        bytes[SignatureOffset] = 0x55;
        bytes[SignatureOffset + 1] = 0xAA;
        return bytes;
    }

    /// <summary>
    /// Reads the record at the start of <paramref name="sector"/>; false with a reason (naming the offset) when it is
    /// shorter than 512 bytes, lacks the 55 AA signature, or has a malformed entry.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> sector, out MasterBootRecord? record, out string? reason)
    {
        record = null;
        if (sector.Length < Size)
        {
            reason = $"expected a {Size}-byte MBR at offset 0, found {sector.Length} bytes";
            return false;
        }

        if (sector[SignatureOffset] != 0x55 || sector[SignatureOffset + 1] != 0xAA)
        {
            reason = $"expected the MBR signature 55 AA at offset {SignatureOffset}, found {sector[SignatureOffset]:X2} {sector[SignatureOffset + 1]:X2}";
            return false;
        }

        var partitions = new MbrPartitionEntry[4];
        for (var i = 0; i < 4; i++)
        {
            var offset = PartitionTableOffset + (i * MbrPartitionEntry.Size);
            if (!MbrPartitionEntry.TryParse(sector.Slice(offset, MbrPartitionEntry.Size), offset, out var entry, out reason))
            {
                return false;
            }

            partitions[i] = entry!;
        }

        reason = null;
        record = new MasterBootRecord(sector[..BootCodeSize], BinaryPrimitives.ReadUInt32LittleEndian(sector[DiskSignatureOffset..]), partitions);
        return true;
    }

    /// <summary>Reads the record at the start of <paramref name="sector"/>.</summary>
    /// <exception cref="InvalidDataException">Not a well-formed MBR; the message says what is wrong where.</exception>
    public static MasterBootRecord Parse(ReadOnlySpan<byte> sector) =>
        TryParse(sector, out var record, out var reason) ? record! : throw new InvalidDataException(reason);
}
