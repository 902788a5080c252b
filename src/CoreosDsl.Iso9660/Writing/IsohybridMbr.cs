namespace CoreosDsl.Iso9660;

/// <summary>
/// The boot code of an isohybrid MBR: the 432 bytes of syslinux's isohdpfx.bin (or of a stock image's system
/// area), which loads isolinux.bin when a BIOS boots the image as a disk. The writer completes the MBR with the
/// boot image position, a disk signature and a partition covering the image.
/// </summary>
public sealed class IsohybridMbr
{
    private readonly byte[] _code;

    private IsohybridMbr(byte[] code, uint? diskSignature)
    {
        _code = code;
        DiskSignature = diskSignature;
    }

    /// <summary>Debian's isohdpfx.bin, from the isolinux package.</summary>
    public const string DebianIsohdpfxPath = "/usr/lib/ISOLINUX/isohdpfx.bin";

    /// <summary>The 432 bytes of MBR code.</summary>
    public ReadOnlyMemory<byte> Code => _code;

    /// <summary>The disk signature to write; <c>null</c> derives one from the volume identifier and timestamp (deterministic).</summary>
    public uint? DiskSignature { get; }

    /// <summary>The code from an isohdpfx.bin file (its first 432 bytes).</summary>
    public static IsohybridMbr FromFile(string path = DebianIsohdpfxPath, uint? diskSignature = null)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        if (stream.Length < MasterBootRecord.IsohybridCodeLength)
        {
            throw new InvalidDataException(
                $"'{path}' is {stream.Length} bytes; isohybrid MBR code (isohdpfx.bin) is {MasterBootRecord.IsohybridCodeLength} bytes.");
        }

        var code = new byte[MasterBootRecord.IsohybridCodeLength];
        stream.ReadExactly(code);
        return new IsohybridMbr(code, diskSignature);
    }

    /// <summary>The code from the first 432 bytes of a system area (a stock isohybrid image's).</summary>
    public static IsohybridMbr FromSystemArea(ReadOnlySpan<byte> systemArea, uint? diskSignature = null)
    {
        if (systemArea.Length < MasterBootRecord.IsohybridCodeLength)
        {
            throw new ArgumentException($"A system area holds at least {MasterBootRecord.IsohybridCodeLength} bytes of MBR code; this one has {systemArea.Length}.", nameof(systemArea));
        }

        return new IsohybridMbr(systemArea[..MasterBootRecord.IsohybridCodeLength].ToArray(), diskSignature);
    }
}
