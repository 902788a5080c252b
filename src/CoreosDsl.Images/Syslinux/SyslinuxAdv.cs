using System.Buffers.Binary;

namespace CoreosDsl.Images.Syslinux;

/// <summary>
/// The Auxiliary Data Vector: two identical 512-byte sectors at the end of ldlinux.sys where syslinux keeps
/// settings across boots (<c>menu save</c>, <c>--once</c>). Each is framed by two magics and carries a checksum
/// that makes its 32-bit words (after the first) sum to a third magic. The installer writes it empty.
/// </summary>
internal static class SyslinuxAdv
{
    /// <summary>Bytes of one copy.</summary>
    public const int Size = 512;

    private const uint HeadMagic = 0x5A2D2FA5;
    private const uint ChecksumMagic = 0xA3041767;
    private const uint TailMagic = 0xDD28BF64;

    /// <summary>Both copies of an empty ADV (1024 bytes).</summary>
    public static byte[] Empty()
    {
        var adv = new byte[2 * Size];
        var first = adv.AsSpan(0, Size);
        BinaryPrimitives.WriteUInt32LittleEndian(first, HeadMagic);
        BinaryPrimitives.WriteUInt32LittleEndian(first[(Size - 4)..], TailMagic);

        // Checksum: the words from offset 8 up to the tail magic, subtracted from the checksum magic.
        var sum = ChecksumMagic;
        for (var i = 8; i < Size - 4; i += 4)
        {
            sum -= BinaryPrimitives.ReadUInt32LittleEndian(first[i..]);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(first[4..], sum);
        first.CopyTo(adv.AsSpan(Size));
        return adv;
    }

    /// <summary>True when <paramref name="copy"/> is a consistent ADV sector (magics and checksum).</summary>
    public static bool IsValid(ReadOnlySpan<byte> copy)
    {
        if (BinaryPrimitives.ReadUInt32LittleEndian(copy) != HeadMagic || BinaryPrimitives.ReadUInt32LittleEndian(copy[(Size - 4)..]) != TailMagic)
        {
            return false;
        }

        var sum = 0u;
        for (var i = 4; i < Size - 4; i += 4)
        {
            sum += BinaryPrimitives.ReadUInt32LittleEndian(copy[i..]);
        }

        return sum == ChecksumMagic;
    }
}
