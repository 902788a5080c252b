namespace CoreosDsl.Fat;

/// <summary>The rules a long (VFAT) file name must follow, checked before anything is written.</summary>
internal static class LongName
{
    private const string Forbidden = "\"*/:<>?\\|";

    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming <paramref name="path"/> when <paramref name="name"/> cannot
    /// be a FAT long name: empty, "." or "..", longer than 255 UTF-16 units, a control character or one of
    /// <c>"*/:&lt;&gt;?\|</c>, an unpaired surrogate, or a trailing dot or space (Windows drops those silently,
    /// so such a name would not read back as written).
    /// </summary>
    public static void Validate(string name, string path)
    {
        string? problem = null;
        if (name.Length == 0)
        {
            problem = "the name is empty";
        }
        else if (name is "." or "..")
        {
            problem = $"'{name}' is reserved";
        }
        else if (name.Length > FatLimits.MaxLongNameLength)
        {
            problem = $"the name has {name.Length} UTF-16 code units, at most {FatLimits.MaxLongNameLength} fit";
        }
        else if (name[^1] is '.' or ' ')
        {
            problem = "the name ends with a dot or a space, which FAT drops; remove it";
        }
        else
        {
            for (var i = 0; i < name.Length && problem is null; i++)
            {
                var c = name[i];
                if (c < ' ' || c == '\x7F')
                {
                    problem = $"control character U+{(int)c:X4} at position {i}";
                }
                else if (Forbidden.Contains(c, StringComparison.Ordinal))
                {
                    problem = $"'{c}' at position {i} is not allowed in FAT names (none of {Forbidden} are)";
                }
                else if (char.IsHighSurrogate(c) && (i + 1 >= name.Length || !char.IsLowSurrogate(name[i + 1])))
                {
                    problem = $"unpaired surrogate at position {i}";
                }
                else if (char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(name[i - 1])))
                {
                    problem = $"unpaired surrogate at position {i}";
                }
            }
        }

        if (problem is not null)
        {
            throw new ArgumentException($"'{path}': {problem}.", nameof(path));
        }
    }

    /// <summary>Splits a '/'-separated path into validated components (a leading '/' is allowed).</summary>
    public static string[] SplitPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            throw new ArgumentException($"'{path}' names no file: give a path such as 'coreos/vmlinuz'.", nameof(path));
        }

        foreach (var part in parts)
        {
            Validate(part, path);
        }

        return parts;
    }
}
