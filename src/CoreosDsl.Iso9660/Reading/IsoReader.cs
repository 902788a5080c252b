namespace CoreosDsl.Iso9660;

/// <summary>
/// Opens ISO 9660 images (with Rock Ridge, Joliet and El Torito) for reading. Malformed images throw
/// <see cref="InvalidDataException"/> with the offset of the problem.
/// </summary>
public static class IsoReader
{
    /// <summary>
    /// Opens the image in <paramref name="stream"/> (readable and seekable). Reads the volume descriptors and the
    /// system area now, everything else when asked for.
    /// </summary>
    /// <param name="stream">The image.</param>
    /// <param name="leaveOpen">Whether disposing the image leaves <paramref name="stream"/> open.</param>
    /// <param name="options">Which tree to present; by default Rock Ridge, else Joliet, else ISO 9660.</param>
    public static IsoImage Open(Stream stream, bool leaveOpen = false, IsoReaderOptions? options = null)
    {
        var source = new ImageSource(stream, leaveOpen);
        try
        {
            return IsoImage.Load(source, options ?? new IsoReaderOptions());
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <summary>Opens the image file at <paramref name="path"/>.</summary>
    public static IsoImage Open(string path, IsoReaderOptions? options = null) =>
        Open(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0), leaveOpen: false, options);
}
