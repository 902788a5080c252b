using System.Runtime.InteropServices;
using CoreosDsl.Images;
using Microsoft.Win32.SafeHandles;

namespace CoreosDsl.Host;

/// <summary>
/// Writes an image to a device the way the seed's <c>dd</c> does, then makes sure it arrived: flushes the device
/// (fsync), drops the cached pages, and reads everything back to compare.
/// </summary>
internal static partial class DeviceWriter
{
    private const int BufferSize = 4 << 20;

    /// <summary>Copies <paramref name="imagePath"/> onto <paramref name="devicePath"/> from offset 0 and syncs it.</summary>
    public static void Write(string imagePath, string devicePath, IProgress<ImageProgress> progress, CancellationToken cancellationToken)
    {
        using var image = new FileStream(imagePath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        using var device = new FileStream(devicePath, FileMode.Open, FileAccess.Write, FileShare.None, bufferSize: 0);
        var buffer = new byte[BufferSize];
        long done = 0;
        var total = image.Length;
        int read;
        while ((read = image.Read(buffer)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            device.Write(buffer, 0, read);
            done += read;
            progress.Report(new ImageProgress(done, total, "write"));
        }

        progress.Report(new ImageProgress(done, total, "sync"));
        device.Flush(flushToDisk: true);
    }

    /// <summary>Reads the device back and compares it with the image; returns the first differing offset, or null.</summary>
    public static long? Verify(string imagePath, string devicePath, IProgress<ImageProgress> progress, CancellationToken cancellationToken)
    {
        using var image = new FileStream(imagePath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        using var device = new FileStream(devicePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0, FileOptions.SequentialScan);
        DropCache(device.SafeFileHandle);
        var expected = new byte[BufferSize];
        var actual = new byte[BufferSize];
        long offset = 0;
        var total = image.Length;
        int read;
        while ((read = image.ReadAtLeast(expected, BufferSize, throwOnEndOfStream: false)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var got = device.ReadAtLeast(actual.AsSpan(0, read), read, throwOnEndOfStream: false);
            var mismatch = expected.AsSpan(0, got).CommonPrefixLength(actual.AsSpan(0, got));
            if (got < read || mismatch < got)
            {
                return offset + Math.Min(mismatch, got);
            }

            offset += read;
            progress.Report(new ImageProgress(offset, total, "verify"));
        }

        return null;
    }

    /// <summary>Asks the kernel to forget cached pages of the device, so the read-back comes from the medium.</summary>
    private static void DropCache(SafeFileHandle handle)
    {
        if (OperatingSystem.IsLinux())
        {
            // Best effort: a failure only means the verify may read from the cache.
            _ = PosixFadvise(handle, 0, 0, PosixFadviseDontNeed);
        }
    }

    private const int PosixFadviseDontNeed = 4;

    [LibraryImport("libc", EntryPoint = "posix_fadvise")]
    private static partial int PosixFadvise(SafeFileHandle fd, long offset, long length, int advice);
}
