using CoreosDsl.Fat;
using CoreosDsl.Iso9660;

namespace CoreosDsl.Images;

/// <summary>
/// The OpenStack-style config drive coreos-cloudinit (and cloud-init) reads at boot when no metadata service
/// answers: a file system labelled <c>config-2</c> holding <c>openstack/latest/user_data</c> (the cloud-config).
/// Either an ISO 9660 image (<see cref="CreateIsoBuilder"/>, to attach as a second CD-ROM) or a small FAT16 volume
/// (<see cref="CreateFatBuilder"/>, a partition of the USB image or an image of its own); the format libraries
/// know nothing of it.
/// </summary>
public static class ConfigDrive
{
    /// <summary>The label coreos-cloudinit (and the stand-in's /init) looks for.</summary>
    public const string Label = "config-2";

    /// <summary>Where the cloud-config goes.</summary>
    public const string UserDataPath = "openstack/latest/user_data";

    /// <summary>The default size of a FAT config drive: 8 MiB, room for any cloud-config.</summary>
    public const long DefaultSize = 8L << 20;

    /// <summary>An ISO 9660 config drive carrying <paramref name="userData"/>; write it with <see cref="IsoBuilder.WriteToFile"/>.</summary>
    public static IsoBuilder CreateIsoBuilder(string userData)
    {
        ArgumentNullException.ThrowIfNull(userData);
        return new IsoBuilder { VolumeIdentifier = Label }.AddFile(UserDataPath, IsoFileSource.FromText(userData));
    }

    /// <summary>A FAT16 config drive volume holding <paramref name="userData"/>.</summary>
    public static FatBuilder CreateFatBuilder(byte[] userData, long size = DefaultSize, uint hiddenSectors = 0, DateTime? timestamp = null)
    {
        ArgumentNullException.ThrowIfNull(userData);
        var builder = new FatBuilder(new FatFormatOptions
        {
            Size = size,
            VolumeLabel = Label,
            HiddenSectors = hiddenSectors,
            Type = FatType.Fat16,
            Timestamp = timestamp ?? FatFormatOptions.DefaultTimestamp,
        });
        builder.AddFile(UserDataPath, userData);
        return builder;
    }

    /// <summary>Writes a FAT config drive as an image file of its own (written to a temporary file, renamed when complete).</summary>
    public static void CreateFatImage(string path, byte[] userData, long size = DefaultSize, DateTime? timestamp = null) =>
        CreateFatBuilder(userData, size, 0, timestamp).Plan().WriteTo(path);
}
