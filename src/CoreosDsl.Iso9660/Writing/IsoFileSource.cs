using System.Text;

namespace CoreosDsl.Iso9660;

/// <summary>
/// The content of a file to write into an image, with its length, permissions and modification time. The content
/// is opened only while the image is written and copied straight to the output, so sources can be large files on
/// disk or files of another image without being loaded into memory.
/// </summary>
public sealed class IsoFileSource
{
    /// <summary>rw-r--r--: the default permissions of files made from memory.</summary>
    public const UnixFileMode DefaultFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private readonly Func<Stream> _open;

    private IsoFileSource(long length, UnixFileMode mode, DateTimeOffset? modificationTime, Func<Stream> open, string description)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
        Mode = mode;
        ModificationTime = modificationTime;
        _open = open;
        Description = description;
    }

    /// <summary>The content length in bytes; the stream must deliver exactly this many when the image is written.</summary>
    public long Length { get; }

    /// <summary>The permission bits recorded in Rock Ridge.</summary>
    public UnixFileMode Mode { get; }

    /// <summary>The modification time; <c>null</c> uses the image's timestamp.</summary>
    public DateTimeOffset? ModificationTime { get; }

    /// <summary>Where the content comes from, for error messages ("file /tree/x", "memory", "image file /x").</summary>
    public string Description { get; }

    /// <summary>Opens the content for reading; the writer disposes the stream.</summary>
    public Stream Open() => _open();

    /// <summary>A file on disk: its current length, permissions and modification time, opened when the image is written.</summary>
    public static IsoFileSource FromFile(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"No file at '{path}'.", path);
        }

        var full = info.FullName;
        var mode = OperatingSystem.IsWindows() ? DefaultFileMode : File.GetUnixFileMode(full);
        return new IsoFileSource(info.Length, mode & PermissionMask, new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero),
            () => new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan), $"file {full}");
    }

    /// <summary>Bytes in memory.</summary>
    public static IsoFileSource FromBytes(ReadOnlyMemory<byte> content, UnixFileMode mode = DefaultFileMode, DateTimeOffset? modificationTime = null) =>
        new(content.Length, mode & PermissionMask, modificationTime, () => new ReadOnlyMemoryStream(content), "memory");

    /// <summary>Text, stored as UTF-8 without a byte order mark.</summary>
    public static IsoFileSource FromText(string text, UnixFileMode mode = DefaultFileMode, DateTimeOffset? modificationTime = null) =>
        FromBytes(new UTF8Encoding(false).GetBytes(text), mode, modificationTime);

    /// <summary>Any content of a known length, opened by <paramref name="open"/> when the image is written.</summary>
    public static IsoFileSource FromStream(long length, Func<Stream> open, UnixFileMode mode = DefaultFileMode, DateTimeOffset? modificationTime = null)
    {
        ArgumentNullException.ThrowIfNull(open);
        return new IsoFileSource(length, mode & PermissionMask, modificationTime, open, "stream");
    }

    /// <summary>A file of another image (remastering): read from that image, which must stay open until the new image is written.</summary>
    public static IsoFileSource FromImage(IsoFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new IsoFileSource(file.Length, file.Mode & PermissionMask, file.ModificationTime, file.Open, $"image file {file.FullPath}");
    }

    /// <summary>The permission bits a source keeps (no file type bits).</summary>
    internal const UnixFileMode PermissionMask = (UnixFileMode)0xFFF;

    /// <summary>A read-only stream over memory without copying it.</summary>
    private sealed class ReadOnlyMemoryStream(ReadOnlyMemory<byte> content) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => content.Length;

        public override long Position
        {
            get => _position;
            set => _position = (int)Math.Clamp(value, 0, content.Length);
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var count = Math.Min(buffer.Length, content.Length - _position);
            content.Span.Slice(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => content.Length + offset,
        };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
