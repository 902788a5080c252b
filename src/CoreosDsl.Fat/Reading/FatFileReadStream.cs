namespace CoreosDsl.Fat;

/// <summary>
/// A forward-only read stream over a file's cluster chain. Consecutive clusters are read in one request, so a
/// contiguous file reads at the speed of the underlying stream.
/// </summary>
internal sealed class FatFileReadStream : Stream
{
    private readonly FatFileSystem _fs;
    private readonly FatEntry _entry;
    private readonly int _clusterSize;
    private readonly ChainGuard _guard;
    private uint _cluster;
    private int _offsetInCluster;
    private long _position;

    public FatFileReadStream(FatFileSystem fs, FatEntry entry)
    {
        _fs = fs;
        _entry = entry;
        _clusterSize = fs.BootSector.BytesPerCluster;
        _cluster = entry.FirstCluster;
        _guard = new ChainGuard(entry.Path, entry.FirstCluster);
        if (entry.Length > 0)
        {
            fs.CheckCluster(_cluster, entry.Path, entry.EntryOffset);
        }
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _entry.Length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException("FAT file streams read forward only.");
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var remaining = _entry.Length - _position;
        if (remaining <= 0 || buffer.Length == 0)
        {
            return 0;
        }

        if (_offsetInCluster == _clusterSize)
        {
            _cluster = _fs.NextCluster(_cluster, _entry.Path, _guard);
            _offsetInCluster = 0;
            if (_cluster == 0)
            {
                throw new InvalidDataException(
                    $"'{_entry.Path}': the cluster chain ends after {_position} bytes, but the directory entry at offset {_entry.EntryOffset} says {_entry.Length}");
            }
        }

        // Extend the read over following clusters as long as the chain is contiguous.
        var want = (int)Math.Min(buffer.Length, remaining);
        var run = _clusterSize - _offsetInCluster;
        var last = _cluster;
        while (run < want)
        {
            var next = _fs.NextCluster(last, _entry.Path, guard: null); // a peek: only contiguous steps are taken here
            if (next != last + 1)
            {
                break;
            }

            last = next;
            run += _clusterSize;
        }

        var length = Math.Min(want, run);
        _fs.ReadExactly(_fs.ClusterOffset(_cluster) + _offsetInCluster, buffer[..length]);
        _position += length;

        // Advance to the cluster holding the next byte (staying at the end of the last one read).
        var advanced = _offsetInCluster + length;
        while (advanced > _clusterSize)
        {
            _cluster++;
            advanced -= _clusterSize;
        }

        _offsetInCluster = advanced;
        return length;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("FAT file streams read forward only.");

    public override void SetLength(long value) => throw new NotSupportedException("FAT file streams are read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("FAT file streams are read-only.");
}
