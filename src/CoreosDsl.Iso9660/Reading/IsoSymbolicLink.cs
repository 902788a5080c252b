namespace CoreosDsl.Iso9660;

/// <summary>A symbolic link recorded with a Rock Ridge SL entry.</summary>
public sealed class IsoSymbolicLink : IsoEntry
{
    internal IsoSymbolicLink(IsoImage image, IsoDirectory parent, string name, string identifier, EntryAttributes attributes, string target)
        : base(image, parent, name, identifier, attributes) => Target = target;

    /// <summary>The link target, as recorded ("../lib", "/usr/share").</summary>
    public string Target { get; }
}
