namespace CoreosDsl.Tests.Shared;

/// <summary>Where the repository, its test data and the shared test cache are.</summary>
public static class TestPaths
{
    /// <summary>The repository root (the folder holding CoreosDsl.sln).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary><c>tests/TestData</c>.</summary>
    public static string TestData => Path.Combine(RepoRoot, "tests", "TestData");

    /// <summary>
    /// <c>.cache/</c> at the repository root (git-ignored): fixtures that are slow to build and shared by test
    /// projects, such as the stand-in stock ISO.
    /// </summary>
    public static string Cache => Path.Combine(RepoRoot, ".cache");

    /// <summary>A new empty scratch directory under the system temp folder.</summary>
    public static string NewScratchDirectory(string purpose)
    {
        var dir = Path.Combine(Path.GetTempPath(), "coreosdsl-tests", $"{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CoreosDsl.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"CoreosDsl.sln not found above {AppContext.BaseDirectory}");
    }
}
