namespace CoreosDsl.Images;

/// <summary>
/// How far writing an image has come: the one progress report of the image writers (<see cref="WorkerImages"/>,
/// <see cref="Usb.UsbImage"/>) and of writing an image to a device. The format libraries report plain byte counts
/// (<see cref="IProgress{T}"/> of <see cref="long"/>), which the writers here turn into these.
/// </summary>
/// <param name="BytesDone">Bytes written so far.</param>
/// <param name="TotalBytes">Bytes to write in all (free space of a sparse image is not written, so not counted).</param>
/// <param name="Step">What is being written ("iso", "config drive", "boot partition", "syslinux", "write", "verify").</param>
public readonly record struct ImageProgress(long BytesDone, long TotalBytes, string Step);
