using System.Globalization;

namespace CoreosDsl.Iso9660;

/// <summary>
/// Joliet names (Joliet specification, 1995): UCS-2 up to 64 characters, without the characters * / : ; ? \ and
/// control characters (replaced by '_'). Longer names are cut keeping the extension; clashes are resolved by
/// replacing the end of the name with a number, in the order of the original names. Like xorriso, files get no
/// ";1" version suffix.
/// </summary>
internal static class JolietNames
{
    /// <summary>The Joliet limit, in UTF-16 code units.</summary>
    public const int MaxLength = 64;

    /// <summary>Names for the children of one directory, given in ordinal order of the original names.</summary>
    public static string[] Assign(IReadOnlyList<string> names)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var result = new string[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            var clean = Clean(names[i]);
            var candidate = Cut(clean, MaxLength);
            for (var n = 1; !used.Add(candidate); n++)
            {
                var suffix = n.ToString(CultureInfo.InvariantCulture);
                var dot = clean.LastIndexOf('.');
                var extension = dot > 0 && clean.Length - dot <= 11 ? clean[dot..] : "";
                var stem = clean[..(clean.Length - extension.Length)];
                candidate = SafeCut(stem, MaxLength - extension.Length - suffix.Length) + suffix + extension;
            }

            result[i] = candidate;
        }

        return result;
    }

    private static string Clean(string name) => string.Create(name.Length, name, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            span[i] = c < 0x20 || c is '*' or '/' or ':' or ';' or '?' or '\\' ? '_' : c;
        }
    });

    /// <summary>Cuts a name to <paramref name="limit"/> code units, keeping an extension of up to 10 characters.</summary>
    private static string Cut(string name, int limit)
    {
        if (name.Length <= limit)
        {
            return name;
        }

        var dot = name.LastIndexOf('.');
        var extension = dot > 0 && name.Length - dot <= 11 ? name[dot..] : "";
        return SafeCut(name[..(name.Length - extension.Length)], limit - extension.Length) + extension;
    }

    /// <summary>The first <paramref name="length"/> code units, never splitting a surrogate pair.</summary>
    private static string SafeCut(string text, int length)
    {
        length = Math.Max(0, Math.Min(length, text.Length));
        if (length > 0 && length < text.Length && char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }

        return text[..length];
    }
}
