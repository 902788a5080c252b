using System.Text;

namespace CoreosDsl.Iso9660;

/// <summary>An entry of the tree an <see cref="IsoBuilder"/> stages: the user's view, before any ISO 9660 naming.</summary>
internal abstract class StagedNode(string name, UnixFileMode mode, DateTimeOffset? modificationTime)
{
    /// <summary>The POSIX name (written as the Rock Ridge name).</summary>
    public string Name { get; } = name;

    /// <summary>Permission bits.</summary>
    public UnixFileMode Mode { get; set; } = mode;

    /// <summary>Modification time; <c>null</c> uses the image timestamp.</summary>
    public DateTimeOffset? ModificationTime { get; set; } = modificationTime;
}

/// <summary>A staged directory; children are kept in ordinal name order so that output does not depend on insertion order.</summary>
internal sealed class StagedDirectory(string name, UnixFileMode mode, DateTimeOffset? modificationTime) : StagedNode(name, mode, modificationTime)
{
    public SortedDictionary<string, StagedNode> Children { get; } = new(StringComparer.Ordinal);
}

/// <summary>A staged regular file.</summary>
internal sealed class StagedFile(string name, IsoFileSource source) : StagedNode(name, source.Mode, source.ModificationTime)
{
    public IsoFileSource Source { get; } = source;
}

/// <summary>A staged symbolic link (Rock Ridge SL).</summary>
internal sealed class StagedSymbolicLink(string name, string target, DateTimeOffset? modificationTime)
    : StagedNode(name, (UnixFileMode)0x1FF, modificationTime)
{
    public string Target { get; } = target;
}

/// <summary>Path handling for the staged tree: "a/b/c", "/a/b/c" and "a//b/" name the same place; only '/' separates (a backslash is part of a name).</summary>
internal static class StagedPath
{
    /// <summary>Rock Ridge names are at most 255 bytes of UTF-8, the Linux NAME_MAX.</summary>
    public const int MaxNameBytes = 255;

    /// <summary>Splits and validates a path inside the image.</summary>
    public static string[] Split(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var part in parts)
        {
            if (part is "." or ".." || part.Contains('\0'))
            {
                throw new ArgumentException($"The path '{path}' has the component '{part}'; image paths name entries directly (no '.', '..' or NUL).", nameof(path));
            }

            var bytes = Encoding.UTF8.GetByteCount(part);
            if (bytes > MaxNameBytes)
            {
                throw new ArgumentException($"The name '{part}' in '{path}' is {bytes} bytes of UTF-8; Rock Ridge names are at most {MaxNameBytes}.", nameof(path));
            }
        }

        return parts;
    }
}
