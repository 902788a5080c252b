namespace CoreosDsl.Images.Usb;

/// <summary>
/// A file to put on the USB image: its '/'-separated path in the image, its length, and how to open its content
/// (called once, when the image is written; the stream is disposed afterwards).
/// </summary>
/// <param name="Path">The path in the image, such as <c>coreos/vmlinuz</c>.</param>
/// <param name="Length">The content length in bytes; a source giving more or fewer stops the build.</param>
/// <param name="Open">Opens the content for reading.</param>
public sealed record UsbImageFile(string Path, long Length, Func<Stream> Open)
{
    /// <summary>A file with the given content.</summary>
    public static UsbImageFile FromBytes(string path, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new UsbImageFile(path, content.Length, () => new MemoryStream(content, writable: false));
    }

    /// <summary>A file on disk, placed at <paramref name="path"/> in the image.</summary>
    public static UsbImageFile FromFile(string path, string sourceFile)
    {
        var info = new FileInfo(sourceFile);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"'{sourceFile}' does not exist.", sourceFile);
        }

        return new UsbImageFile(path, info.Length, () => OpenSequential(info.FullName));
    }

    /// <summary>
    /// Every file under <paramref name="directory"/> (recursively, in ordinal path order so the image is the same on
    /// every run), placed under <paramref name="targetDirectory"/> in the image: a mounted or extracted stock ISO
    /// gives <c>coreos/vmlinuz</c>, <c>coreos/cpio.gz</c>, <c>EFI/BOOT/...</c> and so on.
    /// </summary>
    public static IReadOnlyList<UsbImageFile> FromDirectory(string directory, string targetDirectory = "")
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"'{directory}' does not exist.");
        }

        var prefix = targetDirectory.Trim('/');
        return Directory.EnumerateFiles(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(f => (Relative: System.IO.Path.GetRelativePath(directory, f).Replace(System.IO.Path.DirectorySeparatorChar, '/'), Full: f))
            .OrderBy(f => f.Relative, StringComparer.Ordinal)
            .Select(f => FromFile(prefix.Length == 0 ? f.Relative : $"{prefix}/{f.Relative}", f.Full))
            .ToList();
    }

    private static FileStream OpenSequential(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
}
