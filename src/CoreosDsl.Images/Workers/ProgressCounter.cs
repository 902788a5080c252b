namespace CoreosDsl.Images;

/// <summary>Counts the bytes read from image sources and reports them as <see cref="ImageProgress"/>.</summary>
internal sealed class ProgressCounter(long total, string step, IProgress<ImageProgress>? progress, CancellationToken cancellationToken)
{
    /// <summary>Report at most every 4 MiB, so a progress bar does not slow the copy.</summary>
    private const long ReportInterval = 4 << 20;

    private long done;
    private long lastReported = -ReportInterval;

    /// <summary>A stream that counts what is read from <paramref name="inner"/> (and stops when cancelled).</summary>
    public Stream Wrap(Stream inner) => new CountingStream(inner, this);

    /// <summary>Reports completion.</summary>
    public void Complete() => progress?.Report(new ImageProgress(total, total, step));

    private void Add(int count)
    {
        cancellationToken.ThrowIfCancellationRequested();
        done += count;
        if (progress is not null && done - lastReported >= ReportInterval)
        {
            lastReported = done;
            progress.Report(new ImageProgress(Math.Min(done, total), total, step));
        }
    }

    private sealed class CountingStream(Stream inner, ProgressCounter counter) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            counter.Add(read);
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
