namespace CoreosDsl.Fat;

/// <summary>How <see cref="FatBuilder"/> formats a volume.</summary>
public sealed class FatFormatOptions
{
    /// <summary>The size of the volume in bytes (a multiple of 512): the partition size.</summary>
    public required long Size { get; init; }

    /// <summary>
    /// FAT16 or FAT32; <see langword="null"/> chooses FAT16 whenever the size and the content allow it (the
    /// seed's 2048 MiB USB partition is FAT16) and FAT32 otherwise.
    /// </summary>
    public FatType? Type { get; init; }

    /// <summary>
    /// The volume label (at most 11 ASCII characters; lower case is kept, as <c>mkfs.fat</c> does, because
    /// <c>findfs LABEL=config-2</c> compares exactly). Written to the boot sector and as the root directory's
    /// volume-label entry. <see langword="null"/> writes no label.
    /// </summary>
    public string? VolumeLabel { get; init; }

    /// <summary>The volume serial number; <see langword="null"/> derives one from the label and the timestamp, so that the same input gives the same bytes.</summary>
    public uint? VolumeId { get; init; }

    /// <summary>Sectors before the volume on its disk: the partition's start LBA (2048 for a partition at 1 MiB). Boot loaders add it to every sector number.</summary>
    public uint HiddenSectors { get; init; }

    /// <summary>
    /// The time stamped on every entry. Defaults to <c>SOURCE_DATE_EPOCH</c> when that is set, else to
    /// 1980-01-01 00:00 (the FAT epoch): never the current time, so output is reproducible.
    /// </summary>
    public DateTime Timestamp { get; init; } = DefaultTimestamp;

    /// <summary>The default <see cref="Timestamp"/>: <c>SOURCE_DATE_EPOCH</c> when set, else 1980-01-01 00:00 UTC.</summary>
    public static DateTime DefaultTimestamp => FatTimestamp.DefaultTime();

    /// <summary>The cluster size in bytes (a power of two from 512 to 32768); <see langword="null"/> chooses the smallest valid one (FAT16) or the specification's default (FAT32).</summary>
    public int? ClusterSize { get; init; }

    /// <summary>Checks the options, throwing <see cref="ArgumentException"/> naming the bad one.</summary>
    internal void Validate()
    {
        if (Size <= 0 || Size % FatLimits.SectorSize != 0)
        {
            throw new ArgumentException($"Size must be a positive multiple of 512 bytes, found {Size}.", nameof(Size));
        }

        if (Size / FatLimits.SectorSize > uint.MaxValue)
        {
            throw new ArgumentException($"Size {Size} is larger than FAT can address (2 TiB with 512-byte sectors).", nameof(Size));
        }

        if (Type == FatType.Fat12)
        {
            throw new ArgumentException("The writer produces FAT16 and FAT32 only.", nameof(Type));
        }

        if (ClusterSize is { } c && (c < FatLimits.SectorSize || c > FatLimits.MaxBytesPerCluster || (c & (c - 1)) != 0))
        {
            throw new ArgumentException($"ClusterSize must be a power of two from 512 to 32768 bytes, found {c}.", nameof(ClusterSize));
        }

        if (VolumeLabel is { } label)
        {
            const string forbidden = "\"*+,./:;<=>?[\\]|";
            if (label.Length is 0 or > 11 || label.Any(ch => ch is < ' ' or > '~' || forbidden.Contains(ch, StringComparison.Ordinal)) || label[0] == ' ')
            {
                throw new ArgumentException(
                    $"VolumeLabel '{label}' must be 1 to 11 printable ASCII characters, not starting with a space, without any of {forbidden}.",
                    nameof(VolumeLabel));
            }
        }
    }
}
