namespace CoreosDsl.Testing;

/// <summary>
/// Finds the folder of the test source file named by <c>[CallerFilePath]</c>, where snapshots live.
/// </summary>
/// <remarks>
/// Deterministic builds (<c>ContinuousIntegrationBuild=true</c>, as on CI) map source paths, so the compiler records
/// <c>/_/tests/Project/WorkerTests.cs</c> instead of the real path. The tests run from the build output below the
/// repository, so the same relative path is looked for above the output folder and the current folder.
/// </remarks>
internal static class SourceFileLocator
{
    /// <summary>The folder holding <paramref name="sourceFile"/>; throws when it cannot be found.</summary>
    public static string FolderOf(string sourceFile)
    {
        if (string.IsNullOrEmpty(sourceFile))
        {
            throw new InvalidOperationException(
                "The caller's source file is unknown ([CallerFilePath] was empty), so the snapshot folder cannot be " +
                "found. Set SnapshotSettings.Directory to an absolute folder.");
        }

        if (File.Exists(sourceFile))
        {
            return Path.GetDirectoryName(Path.GetFullPath(sourceFile))!;
        }

        if (FindMapped(sourceFile, [AppContext.BaseDirectory, Environment.CurrentDirectory]) is { } found)
        {
            return Path.GetDirectoryName(found)!;
        }

        throw new InvalidOperationException(
            $"The test source file '{sourceFile}' does not exist here, so its snapshots cannot be found next to it. " +
            "If the build maps source paths (deterministic builds, ContinuousIntegrationBuild=true), build the test " +
            "project with <DeterministicSourcePaths>false</DeterministicSourcePaths>, or run the tests from the " +
            "repository they were built from; or set SnapshotSettings.Directory to an absolute folder.");
    }

    /// <summary>
    /// The existing file whose path ends with the longest tail (at least folder/file) of <paramref name="mappedPath"/>
    /// below an ancestor of one of <paramref name="startFolders"/>; null when there is none.
    /// </summary>
    internal static string? FindMapped(string mappedPath, IEnumerable<string> startFolders)
    {
        var segments = mappedPath.Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries);
        var roots = startFolders
            .SelectMany(Ancestors)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        for (var skip = 0; skip <= segments.Length - 2; skip++)
        {
            var tail = Path.Combine(segments[skip..]);
            foreach (var root in roots)
            {
                var candidate = Path.Combine(root, tail);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static IEnumerable<string> Ancestors(string folder)
    {
        for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
        {
            yield return dir.FullName;
        }
    }
}
