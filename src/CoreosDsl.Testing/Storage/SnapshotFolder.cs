namespace CoreosDsl.Testing;

/// <summary>A file set on disk: a folder of text files keyed by relative path with <c>/</c> separators.</summary>
internal static class SnapshotFolder
{
    /// <summary>
    /// The files below <paramref name="folder"/> that <paramref name="include"/> accepts (all when null), as
    /// normalized text keyed by relative path; <paramref name="fix"/> ends the message when one is not UTF-8.
    /// </summary>
    public static SortedDictionary<string, string> Read(string folder, Func<string, bool>? include = null,
        string fix = SnapshotText.RewriteFix)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(folder, path).Replace(Path.DirectorySeparatorChar, '/');
            if (include is null || include(relative))
            {
                files.Add(relative, SnapshotText.Read(path, fix));
            }
        }

        return files;
    }

    /// <summary>
    /// Makes <paramref name="folder"/> hold exactly <paramref name="files"/>: writes them into a hidden staging
    /// folder beside it, then swaps the staging folder in, so the folder is never half-written.
    /// </summary>
    public static void Replace(string folder, IReadOnlyDictionary<string, string> files)
    {
        var parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(folder))!;
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, SnapshotText.TemporaryName(name, "tmp"));
        try
        {
            foreach (var (relative, text) in files)
            {
                var path = Path.Combine(staging, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, text, SnapshotText.Utf8NoBom);
            }

            Directory.CreateDirectory(staging);
            MoveOver(staging, folder);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>
    /// Moves <paramref name="source"/> to <paramref name="target"/>, replacing a folder already there. The old
    /// folder is renamed aside first and restored if the move fails.
    /// </summary>
    public static void MoveOver(string source, string target)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(source, target);
            return;
        }

        var parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(target))!;
        var aside = Path.Combine(parent, SnapshotText.TemporaryName(Path.GetFileName(target), "old"));
        Directory.Move(target, aside);
        try
        {
            Directory.Move(source, target);
        }
        catch
        {
            Directory.Move(aside, target);
            throw;
        }

        Directory.Delete(aside, recursive: true);
    }
}
