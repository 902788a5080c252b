namespace CoreosDsl.Images.Usb;

/// <summary>How the USB image is made bootable.</summary>
public enum SyslinuxInstallMode
{
    /// <summary>The managed installer when a syslinux distribution is given, else the host's <c>syslinux</c>.</summary>
    Automatic,

    /// <summary>The managed installer, with the files of <see cref="UsbImageOptions.SyslinuxDistribution"/>.</summary>
    Managed,

    /// <summary>The host's <c>syslinux --install</c> (Debian package <c>syslinux</c>, which uses mtools).</summary>
    Host,
}
