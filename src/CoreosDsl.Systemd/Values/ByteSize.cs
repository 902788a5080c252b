namespace CoreosDsl.Systemd;

/// <summary>Whether size suffixes count in powers of 1024 (memory, buffers) or 1000 (IO bandwidth limits).</summary>
public enum ByteSizeBase
{
    /// <summary><c>K</c> = 1024 bytes: memory and buffer settings.</summary>
    Base1024,
    /// <summary><c>K</c> = 1000 bytes: IOReadBandwidthMax= and friends.</summary>
    Base1000,
}

/// <summary>A number of bytes as systemd writes it (<c>32M</c>, <c>1G 512M</c>), or <c>infinity</c>.</summary>
public readonly record struct ByteSize : IComparable<ByteSize>
{
    /// <summary>The number of bytes; <see cref="long.MaxValue"/> for <see cref="Infinity"/>.</summary>
    public long Bytes { get; }

    private ByteSize(long bytes) => Bytes = bytes;

    /// <summary>No limit: written <c>infinity</c> (only where the directive accepts it).</summary>
    public static ByteSize Infinity => throw new NotImplementedException();

    /// <summary>True for <see cref="Infinity"/>.</summary>
    public bool IsInfinity => throw new NotImplementedException();

    /// <summary>An exact number of bytes.</summary>
    public static ByteSize FromBytes(long bytes) => throw new NotImplementedException();
    /// <summary>Kibibytes (1024 bytes each).</summary>
    public static ByteSize KiB(long value) => throw new NotImplementedException();
    /// <summary>Mebibytes.</summary>
    public static ByteSize MiB(long value) => throw new NotImplementedException();
    /// <summary>Gibibytes.</summary>
    public static ByteSize GiB(long value) => throw new NotImplementedException();
    /// <summary>Tebibytes.</summary>
    public static ByteSize TiB(long value) => throw new NotImplementedException();

    /// <summary>Formats with the largest suffix that divides the value exactly (<c>32M</c>, <c>1536K</c>, <c>100</c>).</summary>
    public string Format(ByteSizeBase sizeBase = ByteSizeBase.Base1024) => throw new NotImplementedException();

    /// <summary>Parses systemd size syntax.</summary>
    /// <exception cref="FormatException">Not a size; the message says why.</exception>
    public static ByteSize Parse(string text, ByteSizeBase sizeBase = ByteSizeBase.Base1024) => throw new NotImplementedException();

    /// <summary>Parses systemd size syntax; returns false with a message when the text is not a size.</summary>
    public static bool TryParse(string text, ByteSizeBase sizeBase, out ByteSize value, out string? error) => throw new NotImplementedException();

    /// <inheritdoc />
    public int CompareTo(ByteSize other) => Bytes.CompareTo(other.Bytes);

    /// <summary>Same as <see cref="Format"/> with base 1024.</summary>
    public override string ToString() => Format();
}
