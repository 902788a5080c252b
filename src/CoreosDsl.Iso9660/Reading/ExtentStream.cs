namespace CoreosDsl.Iso9660;

/// <summary>
/// A read-only, seekable window over a file's extents in the image: reads go straight to the image stream at the
/// right offset, so a file is never loaded into memory.
/// </summary>
internal sealed class ExtentStream : Stream
{
    private readonly ImageSource _source;
    private readonly IReadOnlyList<IsoExtent> _extents;
    private readonly long _length;
    private long _position;
    private bool _disposed;

    public ExtentStream(ImageSource source, IReadOnlyList<IsoExtent> extents)
    {
        _source = source;
        _extents = extents;
        _length = extents.Sum(e => (long)e.Length);
    }

    public override bool CanRead => !_disposed;

    public override bool CanSeek => !_disposed;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _position = value;
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_position >= _length || buffer.IsEmpty)
        {
            return 0;
        }

        // Find the extent holding the position, then read no further than its end.
        var start = 0L;
        foreach (var extent in _extents)
        {
            if (_position < start + extent.Length)
            {
                var inExtent = _position - start;
                var count = (int)Math.Min(buffer.Length, extent.Length - inExtent);
                var read = _source.ReadSome(extent.Offset + inExtent, buffer[..count]);
                if (read == 0)
                {
                    throw new InvalidDataException($"The image ends at offset {extent.Offset + inExtent}, inside a file extent: the image is truncated.");
                }

                _position += read;
                return read;
            }

            start += extent.Length;
        }

        return 0;
    }

    // Reads are positional and short (page-cache hits while serve hands out a kernel), so the asynchronous forms
    // run inline: no thread-pool hop per chunk, and no serialising of reads as Stream's default BeginRead does.
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => _length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        Position = target;
        return target;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException("ISO image files are read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("ISO image files are read-only.");

    protected override void Dispose(bool disposing)
    {
        _disposed = true;
        base.Dispose(disposing);
    }
}
