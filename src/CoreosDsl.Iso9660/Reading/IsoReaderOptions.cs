namespace CoreosDsl.Iso9660;

/// <summary>Options for <see cref="IsoReader.Open(Stream, bool, IsoReaderOptions?)"/>.</summary>
public sealed class IsoReaderOptions
{
    /// <summary>
    /// The tree and names to present. <c>null</c> (the default) picks the richest the image has: Rock Ridge, then
    /// Joliet, then plain ISO 9660, the same order Linux uses.
    /// </summary>
    public IsoNamespace? Namespace { get; init; }
}
