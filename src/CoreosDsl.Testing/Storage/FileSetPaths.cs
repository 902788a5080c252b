using System.Diagnostics.CodeAnalysis;

namespace CoreosDsl.Testing;

/// <summary>
/// Checks the names of a file set before anything is written: relative paths with <c>/</c> separators that are
/// valid, and distinct, on every OS, so a snapshot written on Linux checks out on Windows and macOS.
/// </summary>
internal static class FileSetPaths
{
    private const string Example = "Use a relative path with '/' separators, such as 'units/locksmithd.service'.";

    /// <summary>Characters Windows does not allow in file names (besides control characters and separators).</summary>
    private static readonly char[] NotPortable = ['<', '>', ':', '"', '|', '?', '*'];

    /// <summary>
    /// The files with normalized names (<c>\</c> becomes <c>/</c>) and normalized text, in ordinal name order;
    /// throws <see cref="ArgumentException"/> naming the first bad name.
    /// </summary>
    public static SortedDictionary<string, string> Normalize(IReadOnlyDictionary<string, string> files, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(files, parameterName);
        if (files.Count == 0)
        {
            throw new ArgumentException(
                "The file set is empty: there is nothing to snapshot (an empty folder cannot be committed to git). " +
                "Verify a text with Snapshot.Verify instead.", parameterName);
        }

        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var byFoldedName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, text) in files)
        {
            var path = Check(name, parameterName);
            if (text is null)
            {
                throw new ArgumentException($"The file '{name}' has no text (null).", parameterName);
            }

            if (byFoldedName.TryGetValue(path, out var other))
            {
                var reason = string.Equals(other, path, StringComparison.Ordinal)
                    ? $"The names '{other}' and '{name}' name the same file."
                    : $"The names '{other}' and '{name}' differ only in case; they would be one file on Windows and macOS.";
                throw new ArgumentException(reason, parameterName);
            }

            byFoldedName.Add(path, name);
            result.Add(path, SnapshotText.Normalize(text));
        }

        return result;
    }

    private static string Check(string name, string parameterName)
    {
        [DoesNotReturn]
        void Fail(string problem) => throw new ArgumentException($"The file name '{name}' {problem}. {Example}", parameterName);

        if (string.IsNullOrEmpty(name))
        {
            Fail("is empty");
        }

        var path = name.Replace('\\', '/');
        if (path.StartsWith('/') || (path.Length >= 2 && path[1] == ':'))
        {
            Fail("is absolute");
        }

        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0)
            {
                Fail("has an empty segment");
            }

            if (segment is "." or "..")
            {
                Fail($"has a '{segment}' segment");
            }

            if (segment.IndexOfAny(NotPortable) >= 0 || segment.Any(char.IsControl))
            {
                Fail("has a character that is not allowed in file names on Windows (< > : \" | ? * or a control character)");
            }

            if (segment.EndsWith('.') || segment.EndsWith(' '))
            {
                Fail("has a segment ending in a dot or a space, which Windows drops");
            }
        }

        return path;
    }
}
