namespace CoreosDsl.Fat;

/// <summary>How far writing a volume has come.</summary>
/// <param name="BytesWritten">Bytes written so far (metadata and file contents).</param>
/// <param name="TotalBytes">Bytes the whole write will write; free clusters are not written, so this is far less than the volume size.</param>
public readonly record struct FatWriteProgress(long BytesWritten, long TotalBytes);
