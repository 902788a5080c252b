using CoreosDsl.Images.Syslinux;
using CoreosDsl.Images.Usb;

namespace CoreosDsl.Images;

/// <summary>
/// How a worker's image gets its cloud-config, overriding the worker's own <see cref="BootSettings"/>: from a web
/// server (<c>cloud-config-url=</c>, the seed's way) or from a config drive that travels with the image.
/// </summary>
public abstract record WorkerImageRequest
{
    /// <summary>The URL the machine fetches its cloud-config from; null keeps the worker's <see cref="BootSettings.ConfigUrl"/>.</summary>
    public Uri? ConfigUrl { get; init; }

    /// <summary>
    /// Put the worker's cloud-config on a <c>config-2</c> config drive and boot with <c>coreos.configdrive=1</c>.
    /// The worker's own config URL is then dropped unless <see cref="ConfigUrl"/> names one again.
    /// </summary>
    public bool ConfigDrive { get; init; }

    /// <summary>The time recorded in the image; null takes SOURCE_DATE_EPOCH, else a fixed time, so images are reproducible.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>The worker's boot settings with this request applied.</summary>
    public BootSettings Apply(BootSettings boot)
    {
        ArgumentNullException.ThrowIfNull(boot);
        if (ConfigDrive)
        {
            return boot with { ConfigDrive = true, ConfigUrl = ConfigUrl };
        }

        return ConfigUrl is null ? boot : boot with { ConfigUrl = ConfigUrl };
    }
}

/// <summary>What <see cref="WorkerImages.CreateIso"/> builds besides the remastered ISO.</summary>
public sealed record IsoImageRequest : WorkerImageRequest;

/// <summary>What <see cref="WorkerImages.CreateUsb"/> builds.</summary>
public sealed record UsbImageRequest : WorkerImageRequest
{
    /// <summary>The boot partition's size in bytes, a multiple of 1 MiB (the seed's fdisk <c>+2048M</c> by default).</summary>
    public long Size { get; init; } = UsbImageOptions.DefaultPartitionSize;

    /// <summary>The syslinux build for the managed installer; null runs the host's <c>syslinux --install</c>.</summary>
    public SyslinuxDistribution? SyslinuxDistribution { get; init; }
}

/// <summary>What a worker image build wrote.</summary>
/// <param name="Path">The image.</param>
/// <param name="Size">The image's length in bytes.</param>
/// <param name="ConfigDrivePath">The separate config drive image (ISO builds with a config drive), else null.</param>
/// <param name="BootConfigPath">The boot configuration written, as a path in the image (<c>isolinux/isolinux.cfg</c>, <c>syslinux/syslinux.cfg</c>).</param>
/// <param name="BootConfig">Its text.</param>
/// <param name="Boot">The boot settings the image carries.</param>
/// <param name="Warnings">Things the user should know (no config source on the kernel line, ...).</param>
public sealed record WorkerImageResult(string Path, long Size, string? ConfigDrivePath, string BootConfigPath, string BootConfig,
    BootSettings Boot, IReadOnlyList<string> Warnings);
