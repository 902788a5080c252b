using System.Runtime.InteropServices;
using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Images.Tests;

/// <summary>Helpers for checking whole disk images with tools that only understand bare volumes.</summary>
internal static class DiskOracles
{
    /// <summary>
    /// Copies <paramref name="length"/> bytes from <paramref name="offset"/> of a sparse image into a new sparse file,
    /// visiting only the image's data extents (lseek SEEK_DATA / SEEK_HOLE), so a 2 GiB partition holding a few
    /// megabytes copies in milliseconds.
    /// </summary>
    public static string ExtractPartition(string image, long offset, long length, string target)
    {
        var buffer = new byte[1 << 20];
        using var source = File.OpenRead(image);
        using var destination = File.Create(target);
        destination.SetLength(length);
        var fd = (int)source.SafeFileHandle.DangerousGetHandle();
        var end = offset + length;
        for (var position = offset; position < end;)
        {
            var data = lseek(fd, position, SeekData);
            if (data < 0 || data >= end)
            {
                break; // only a hole is left
            }

            var hole = Math.Min(end, lseek(fd, data, SeekHole));
            for (var at = data; at < hole;)
            {
                var chunk = (int)Math.Min(buffer.Length, hole - at);
                source.Position = at;
                source.ReadExactly(buffer, 0, chunk);
                destination.Position = at - offset;
                destination.Write(buffer, 0, chunk);
                at += chunk;
            }

            position = hole;
        }

        return target;
    }

    private const int SeekData = 3;
    private const int SeekHole = 4;

    [DllImport("libc", SetLastError = true)]
    private static extern long lseek(int fd, long offset, int whence);

    /// <summary><c>sfdisk -d</c> of an image.</summary>
    public static string SfdiskDump(string image) => ExternalTool.Run("sfdisk", ["-d", image]).EnsureSuccess().StandardOutput;
}
