using System.Globalization;
using System.Text;

namespace CoreosDsl.Iso9660;

/// <summary>
/// ISO 9660 identifiers for the primary tree (ECMA-119 7.5, 7.6): d-characters only (A-Z, 0-9, _), lower case
/// folded to upper, anything else replaced by '_'. Level 1 gives 8.3 file names and 8-character directory names;
/// level 2 gives up to 30 characters of name and extension and 31 for directories. File identifiers end in
/// ";1". Clashes after shortening are resolved deterministically by replacing the end of the name with a number,
/// in the order of the original names.
/// </summary>
internal static class Iso9660Names
{
    /// <summary>Level 2 keeps extensions up to this long (the rest of the 30 characters go to the name).</summary>
    private const int Level2MaxExtension = 10;

    /// <summary>An identifier split into the parts ECMA-119 sorts by.</summary>
    internal readonly record struct Identifier(string Name, string Extension, bool IsDirectory)
    {
        /// <summary>The recorded bytes: "NAME.EXT;1" for files, "NAME" for directories.</summary>
        public byte[] ToBytes() => Encoding.ASCII.GetBytes(IsDirectory ? Name : $"{Name}.{Extension};1");

        /// <summary>The identifier without version, for clash detection.</summary>
        public string Key => IsDirectory ? Name : $"{Name}.{Extension}";
    }

    /// <summary>
    /// Identifiers for the children of one directory, given as (original name, is directory) in ordinal order of the
    /// original names; the result is in the same order.
    /// </summary>
    public static Identifier[] Assign(IReadOnlyList<(string Name, bool IsDirectory)> children, int level)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var result = new Identifier[children.Count];
        for (var i = 0; i < children.Count; i++)
        {
            var (name, isDirectory) = children[i];
            var candidate = Shorten(name, isDirectory, level);
            var maxName = MaxName(candidate, level);
            for (var n = 1; !used.Add(candidate.Key); n++)
            {
                var suffix = n.ToString(CultureInfo.InvariantCulture);
                var stem = Shorten(name, isDirectory, level).Name;
                stem = stem[..Math.Min(stem.Length, Math.Max(0, maxName - suffix.Length))];
                candidate = candidate with { Name = stem + suffix };
            }

            result[i] = candidate;
        }

        return result;
    }

    /// <summary>Orders identifiers as ECMA-119 9.3 requires: by name, then extension, each padded with spaces.</summary>
    public static int Compare(Identifier a, Identifier b)
    {
        // d-characters all sort above the space, so space padding orders like ordinal comparison of the parts.
        var byName = string.CompareOrdinal(a.Name, b.Name);
        return byName != 0 ? byName : string.CompareOrdinal(a.Extension, b.Extension);
    }

    private static Identifier Shorten(string name, bool isDirectory, int level)
    {
        if (isDirectory)
        {
            var directory = Map(name);
            return new Identifier(directory[..Math.Min(directory.Length, level == 1 ? 8 : 31)], "", true);
        }

        // The extension follows the last dot; a leading dot (".profile") starts no extension.
        var dot = name.LastIndexOf('.');
        var stem = Map(dot > 0 ? name[..dot] : name);
        var extension = dot > 0 && dot < name.Length - 1 ? Map(name[(dot + 1)..]) : "";
        if (level == 1)
        {
            return new Identifier(stem[..Math.Min(stem.Length, 8)], extension[..Math.Min(extension.Length, 3)], false);
        }

        extension = extension[..Math.Min(extension.Length, Level2MaxExtension)];
        return new Identifier(stem[..Math.Min(stem.Length, 30 - extension.Length)], extension, false);
    }

    private static int MaxName(Identifier identifier, int level) =>
        identifier.IsDirectory ? (level == 1 ? 8 : 31) : level == 1 ? 8 : 30 - identifier.Extension.Length;

    /// <summary>Maps a name to d-characters; never returns an empty string.</summary>
    private static string Map(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            var c = rune.Value;
            builder.Append(c switch
            {
                >= 'a' and <= 'z' => (char)(c - 32),
                >= 'A' and <= 'Z' or >= '0' and <= '9' or '_' => (char)c,
                _ => '_',
            });
        }

        return builder.Length == 0 ? "_" : builder.ToString();
    }
}
