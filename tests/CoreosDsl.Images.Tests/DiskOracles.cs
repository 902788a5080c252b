using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Images.Tests;

/// <summary>Helpers for checking whole disk images with tools that only understand bare volumes.</summary>
internal static class DiskOracles
{
    /// <summary>Copies <paramref name="length"/> bytes from <paramref name="offset"/> of an image into a new sparse file (zero blocks are skipped).</summary>
    public static string ExtractPartition(string image, long offset, long length, string target)
    {
        var buffer = new byte[1 << 20];
        using var source = File.OpenRead(image);
        using var destination = File.Create(target);
        destination.SetLength(length);
        source.Position = offset;
        for (long done = 0; done < length;)
        {
            var chunk = (int)Math.Min(buffer.Length, length - done);
            source.ReadExactly(buffer, 0, chunk);
            if (buffer.AsSpan(0, chunk).ContainsAnyExcept((byte)0))
            {
                destination.Position = done;
                destination.Write(buffer, 0, chunk);
            }

            done += chunk;
        }

        return target;
    }

    /// <summary><c>sfdisk -d</c> of an image.</summary>
    public static string SfdiskDump(string image) => ExternalTool.Run("sfdisk", ["-d", image]).EnsureSuccess().StandardOutput;
}
