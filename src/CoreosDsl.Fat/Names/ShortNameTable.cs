using System.Text;

namespace CoreosDsl.Fat;

/// <summary>The 8.3 name given to a directory entry, and whether a long name must accompany it.</summary>
/// <param name="RawName">The 11 name bytes (base and extension, space-padded) as characters.</param>
/// <param name="CaseFlags">Windows NT's lower-case bits (<see cref="DirectoryEntry.LowerCaseBase"/>, <see cref="DirectoryEntry.LowerCaseExtension"/>).</param>
/// <param name="NeedsLongName">False when the short name and its case bits already spell the long name exactly.</param>
internal readonly record struct ShortName(string RawName, byte CaseFlags, bool NeedsLongName)
{
    /// <summary>The 11 bytes, for the long-name checksum.</summary>
    public byte[] Bytes => Encoding.Latin1.GetBytes(RawName);
}

/// <summary>
/// Gives each name of one directory a unique 8.3 alias, following fatgen103's "Basis-Name Generation" and
/// "Numeric-Tail Generation" the way Windows and mtools apply them:
/// <list type="bullet">
/// <item>a name that already is a valid 8.3 name, with each part all upper or all lower case, is stored as is
/// with the NT lower-case bits and no long name (<c>vmlinuz</c>, <c>cpio.gz</c>, <c>EFI</c>);</item>
/// <item>otherwise the basis is the upper-cased name without spaces and leading dots, characters invalid in
/// 8.3 names replaced by '_', the base taken from everything before the last dot (dots dropped, 8 at most),
/// the extension from after it (3 at most): <c>x.tar.gz</c> gives <c>XTAR</c> + <c>GZ</c>;</item>
/// <item>a numeric tail <c>~1</c>, <c>~2</c>, ... shortens the base so that the whole fits in 8, and is used
/// when the conversion lost something, the name did not fit 8.3, or the basis is already taken
/// (<c>cloud-config.yml</c> gives <c>CLOUD-~1.YML</c>); a name that only differs by case (<c>MiXeD</c>)
/// keeps its basis without a tail.</item>
/// </list>
/// Characters outside ASCII always count as lossy and become '_' (so the name gets a tail); mtools converts some of
/// them through its code page instead. Either way the long name is stored, and it is what readers show.
/// </summary>
internal sealed class ShortNameTable
{
    // Characters allowed in 8.3 names besides letters and digits (fatgen103, "Short name" rules).
    private const string ValidSpecial = "$%'-_@~`!(){}^#&";

    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    /// <summary>Assigns the alias for <paramref name="longName"/> (already validated) and reserves it.</summary>
    public ShortName Assign(string longName)
    {
        if (TryDirect(longName, out var direct) && _used.Add(direct.RawName))
        {
            return direct;
        }

        var (baseName, extension, lossy) = Basis(longName);
        var fits = !lossy && Fits83IgnoringCase(longName);
        var basisName = Pad(baseName, extension);
        if (fits && _used.Add(basisName))
        {
            return new ShortName(basisName, 0, NeedsLongName: true);
        }

        for (var n = 1; n < 1_000_000; n++)
        {
            var tail = "~" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var candidate = Pad(baseName[..Math.Min(baseName.Length, 8 - tail.Length)] + tail, extension);
            if (_used.Add(candidate))
            {
                return new ShortName(candidate, 0, NeedsLongName: true);
            }
        }

        throw new InvalidOperationException($"no free 8.3 alias for '{longName}'");
    }

    /// <summary>True when <paramref name="c"/> may appear in an 8.3 name (upper-case form).</summary>
    public static bool IsValidShortChar(char c) =>
        c is >= 'A' and <= 'Z' or >= '0' and <= '9' || ValidSpecial.Contains(c, StringComparison.Ordinal);

    /// <summary>
    /// The name as a short entry with case bits, when that spells it exactly: at most one dot, base 1-8 and
    /// extension 0-3 valid characters, each part all upper or all lower case.
    /// </summary>
    private static bool TryDirect(string name, out ShortName shortName)
    {
        shortName = default;
        if (!Fits83IgnoringCase(name))
        {
            return false;
        }

        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var baseName = dot < 0 ? name : name[..dot];
        var extension = dot < 0 ? "" : name[(dot + 1)..];
        if (!UniformCase(baseName, out var baseLower) || !UniformCase(extension, out var extensionLower))
        {
            return false;
        }

        var flags = (byte)((baseLower ? DirectoryEntry.LowerCaseBase : 0) | (extensionLower ? DirectoryEntry.LowerCaseExtension : 0));
        shortName = new ShortName(Pad(baseName.ToUpperInvariant(), extension.ToUpperInvariant()), flags, NeedsLongName: false);
        return true;
    }

    private static bool Fits83IgnoringCase(string name)
    {
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        if (dot != name.LastIndexOf('.'))
        {
            return false;
        }

        var baseName = dot < 0 ? name : name[..dot];
        var extension = dot < 0 ? "" : name[(dot + 1)..];
        return baseName.Length is >= 1 and <= 8
            && extension.Length <= 3
            && (dot < 0 || extension.Length > 0)
            && (baseName + extension).All(c => c < 0x80 && IsValidShortChar(char.ToUpperInvariant(c)));
    }

    private static bool UniformCase(string part, out bool lower)
    {
        var hasLower = part.Any(char.IsAsciiLetterLower);
        var hasUpper = part.Any(char.IsAsciiLetterUpper);
        lower = hasLower;
        return !(hasLower && hasUpper);
    }

    /// <summary>The basis name: base (dots removed, at most 8) and extension (at most 3), and whether anything was lost.</summary>
    private static (string Base, string Extension, bool Lossy) Basis(string name)
    {
        var lossy = false;
        var converted = new StringBuilder(name.Length);
        foreach (var rune in name.EnumerateRunes())
        {
            if (rune.Value == ' ')
            {
                continue; // spaces are stripped, not replaced
            }

            if (rune.Value == '.')
            {
                converted.Append('.');
                continue;
            }

            var c = rune.IsAscii ? char.ToUpperInvariant((char)rune.Value) : '\0';
            if (c != '\0' && IsValidShortChar(c))
            {
                converted.Append(c);
            }
            else
            {
                converted.Append('_');
                lossy = true;
            }
        }

        var text = converted.ToString().TrimStart('.');
        var lastDot = text.LastIndexOf('.');
        var baseName = (lastDot < 0 ? text : text[..lastDot]).Replace(".", "", StringComparison.Ordinal);
        var extension = lastDot < 0 ? "" : text[(lastDot + 1)..];
        if (baseName.Length == 0)
        {
            baseName = "_";
            lossy = true;
        }

        return (baseName[..Math.Min(8, baseName.Length)], extension[..Math.Min(3, extension.Length)], lossy);
    }

    private static string Pad(string baseName, string extension) => baseName.PadRight(8) + extension.PadRight(3);
}
