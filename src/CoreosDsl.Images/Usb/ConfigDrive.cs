using CoreosDsl.Fat;

namespace CoreosDsl.Images.Usb;

/// <summary>
/// The OpenStack-style config drive coreos-cloudinit reads without a network: a file system labelled
/// <c>config-2</c> holding <c>openstack/latest/user_data</c> (the cloud-config). Here a small FAT16 volume, either
/// a partition of the USB image or an image of its own to attach as a second drive.
/// </summary>
public static class ConfigDrive
{
    /// <summary>The label coreos-cloudinit (and the stand-in's /init) looks for.</summary>
    public const string Label = "config-2";

    /// <summary>Where the cloud-config goes.</summary>
    public const string UserDataPath = "openstack/latest/user_data";

    /// <summary>The default size: 8 MiB, room for any cloud-config.</summary>
    public const long DefaultSize = 8L << 20;

    /// <summary>A builder for a config drive volume holding <paramref name="userData"/>.</summary>
    public static FatBuilder CreateBuilder(byte[] userData, long size = DefaultSize, uint hiddenSectors = 0, DateTime? timestamp = null)
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

    /// <summary>Writes a config drive as a FAT image file of its own (written to a temporary file, renamed when complete).</summary>
    public static void CreateImage(string path, byte[] userData, long size = DefaultSize, DateTime? timestamp = null) =>
        CreateBuilder(userData, size, 0, timestamp).Plan().WriteTo(path);
}
