using System.Buffers.Binary;

namespace CoreosDsl.Images.Syslinux;

/// <summary>
/// The extended patch area of <c>ldlinux.sys</c> (<c>struct ext_patch_area</c>): offsets of what an installer
/// fills in. All are offsets into ldlinux.sys except the last three, which are offsets into the boot sector
/// (<c>ldlinux.bss</c>): where the 64-bit LBA of ldlinux.sys's first sector goes (as two 32-bit halves), and the
/// RAID-mode patch.
/// </summary>
internal sealed record SyslinuxExtendedPatchArea(
    int Offset,
    ushort AdvPointersOffset,
    ushort DirectoryOffset,
    ushort DirectoryLength,
    ushort SubvolumeOffset,
    ushort SubvolumeLength,
    ushort ExtentsOffset,
    ushort ExtentCapacity,
    ushort FirstSectorLowOffset,
    ushort FirstSectorHighOffset,
    ushort RaidPatchOffset)
{
    private const int AdvPointersField = 0;
    private const int DirectoryOffsetField = 2;
    private const int DirectoryLengthField = 4;
    private const int SubvolumeOffsetField = 6;
    private const int SubvolumeLengthField = 8;
    private const int ExtentsOffsetField = 10;
    private const int ExtentCapacityField = 12;
    private const int FirstSectorLowField = 14;
    private const int FirstSectorHighField = 16;
    private const int RaidPatchField = 18;

    /// <summary>Bytes of the structure.</summary>
    public const int Size = 20;

    /// <summary>Reads the structure at <paramref name="offset"/> of ldlinux.sys and checks that its offsets land inside the files.</summary>
    public static SyslinuxExtendedPatchArea Parse(ReadOnlySpan<byte> loader, int offset, string source)
    {
        if (offset <= 0 || offset + Size > loader.Length)
        {
            throw new InvalidDataException($"{source}: the extended patch area offset {offset} is outside the {loader.Length}-byte file");
        }

        var fields = loader.Slice(offset, Size).ToArray();
        ushort At(int field) => BinaryPrimitives.ReadUInt16LittleEndian(fields.AsSpan(field));
        var area = new SyslinuxExtendedPatchArea(offset, At(AdvPointersField), At(DirectoryOffsetField), At(DirectoryLengthField),
            At(SubvolumeOffsetField), At(SubvolumeLengthField), At(ExtentsOffsetField), At(ExtentCapacityField),
            At(FirstSectorLowField), At(FirstSectorHighField), At(RaidPatchField));

        void Inside(string what, int start, int length, int limit)
        {
            if (start <= 0 || start + length > limit)
            {
                throw new InvalidDataException(
                    $"{source}: the extended patch area at offset {offset} puts {what} at {start}..{start + length - 1}, outside 1..{limit - 1}");
            }
        }

        Inside("the ADV pointers", area.AdvPointersOffset, 16, loader.Length);
        Inside("the extent table", area.ExtentsOffset, area.ExtentCapacity * SyslinuxExtent.Size, loader.Length);
        Inside("the boot sector's first-sector pointer", area.FirstSectorLowOffset, 4, 510);
        Inside("the boot sector's first-sector pointer (high half)", area.FirstSectorHighOffset, 4, 510);
        return area;
    }

    /// <summary>Writes the structure back at <see cref="Offset"/>.</summary>
    public void WriteTo(Span<byte> loader)
    {
        var fields = new byte[Size];
        void Put(int field, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(fields.AsSpan(field), value);
        Put(AdvPointersField, AdvPointersOffset);
        Put(DirectoryOffsetField, DirectoryOffset);
        Put(DirectoryLengthField, DirectoryLength);
        Put(SubvolumeOffsetField, SubvolumeOffset);
        Put(SubvolumeLengthField, SubvolumeLength);
        Put(ExtentsOffsetField, ExtentsOffset);
        Put(ExtentCapacityField, ExtentCapacity);
        Put(FirstSectorLowField, FirstSectorLowOffset);
        Put(FirstSectorHighField, FirstSectorHighOffset);
        Put(RaidPatchField, RaidPatchOffset);
        fields.CopyTo(loader[Offset..]);
    }
}
