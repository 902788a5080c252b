namespace CoreosDsl.Images.Usb;

/// <summary>How far building a USB image has come.</summary>
/// <param name="BytesWritten">Bytes written so far.</param>
/// <param name="TotalBytes">Bytes the build writes in all (free space is not written: the image is sparse).</param>
/// <param name="Step">What is being done: "boot partition", "syslinux", "config drive".</param>
public readonly record struct UsbImageProgress(long BytesWritten, long TotalBytes, string Step);
