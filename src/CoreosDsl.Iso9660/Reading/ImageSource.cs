using Microsoft.Win32.SafeHandles;

namespace CoreosDsl.Iso9660;

/// <summary>
/// The image stream as the reader sees it: reads at absolute offsets (file streams of one image may be read from
/// several threads), bounds checks that name what was being read, and a budget on metadata reads so that
/// overlapping or looping directories in a malformed image cannot make the reader work forever. An image file is
/// read with positional reads on its handle (pread), which need no lock, so that many downloads out of one image
/// (serve's kernel and initrd) run in parallel; any other stream is read under a lock.
/// </summary>
internal sealed class ImageSource : IDisposable
{
    private readonly Stream _stream;
    private readonly SafeFileHandle? _handle;
    private readonly bool _leaveOpen;
    private readonly Lock _lock = new();
    private long _metadataBudget;
    private bool _disposed;

    public ImageSource(Stream stream, bool leaveOpen)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead || !stream.CanSeek)
        {
            throw new ArgumentException("An ISO image is read from a readable, seekable stream.", nameof(stream));
        }

        _stream = stream;
        _handle = stream is FileStream { CanSeek: true } file ? file.SafeFileHandle : null;
        _leaveOpen = leaveOpen;
        Length = stream.Length;

        // Directories and continuation areas of a well-formed image are disjoint parts of it, so reading all of them
        // costs at most the image size; twice that plus 1 MiB leaves room for re-reads and catches loops quickly.
        _metadataBudget = 2 * Length + (1 << 20);
    }

    /// <summary>The image length in bytes.</summary>
    public long Length { get; }

    /// <summary>Reads <paramref name="buffer"/>.Length bytes at <paramref name="offset"/>; throws naming <paramref name="what"/> when they are not in the image.</summary>
    public void Read(long offset, Span<byte> buffer, string what)
    {
        RequireInside(offset, buffer.Length, what);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _stream.Position = offset;
            _stream.ReadExactly(buffer);
        }
    }

    /// <summary>Reads up to <paramref name="buffer"/>.Length bytes at <paramref name="offset"/> (for file streams).</summary>
    public int ReadSome(long offset, Span<byte> buffer)
    {
        if (_handle is not null)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var done = 0;
            while (done < buffer.Length)
            {
                var read = RandomAccess.Read(_handle, buffer[done..], offset + done);
                if (read == 0)
                {
                    break;
                }

                done += read;
            }

            return done;
        }

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _stream.Position = offset;
            var total = 0;
            while (total < buffer.Length)
            {
                var read = _stream.Read(buffer[total..]);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            return total;
        }
    }

    /// <summary>Reads metadata (a directory, a continuation area), charging it to the budget.</summary>
    public byte[] ReadMetadata(long offset, int length, string what)
    {
        RequireInside(offset, length, what);
        if (Interlocked.Add(ref _metadataBudget, -length) < 0)
        {
            throw new InvalidDataException(
                $"Reading {what} at offset {offset} would take the directory data read past twice the image size: " +
                "directories or continuation areas overlap or loop.");
        }

        var bytes = new byte[length];
        Read(offset, bytes, what);
        return bytes;
    }

    /// <summary>Throws when <paramref name="length"/> bytes at <paramref name="offset"/> are not all inside the image.</summary>
    public void RequireInside(long offset, long length, string what)
    {
        if (offset < 0 || length < 0 || offset > Length || length > Length - offset)
        {
            throw new InvalidDataException(
                $"{char.ToUpperInvariant(what[0])}{what[1..]} ({length} bytes from offset {offset}) runs past the end of the image ({Length} bytes): " +
                "the image is truncated or the location is corrupt.");
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (!_leaveOpen)
            {
                _stream.Dispose();
            }
        }
    }
}
