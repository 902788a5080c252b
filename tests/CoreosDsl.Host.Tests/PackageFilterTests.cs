using System.Text.Json;
using System.Text.RegularExpressions;
using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Host.Tests;

/// <summary>
/// <c>dotnet pack src/packages/CoreosDsl.Packages.slnf</c> restores only the projects the filter lists, and a
/// package project builds the projects it bundles (not ProjectReferences): on a fresh checkout, a bundled project
/// missing from the filter is never restored and the pack fails (NETSDK1004).
/// </summary>
public partial class PackageFilterTests
{
    [Fact]
    public void ThePackageFilterListsEveryPackageProjectAndEveryProjectTheyBundle()
    {
        var packages = Path.Combine(TestPaths.RepoRoot, "src", "packages");
        using var filter = JsonDocument.Parse(File.ReadAllText(Path.Combine(packages, "CoreosDsl.Packages.slnf")));
        var listed = filter.RootElement.GetProperty("solution").GetProperty("projects").EnumerateArray()
            .Select(p => Path.GetFullPath(Path.Combine(TestPaths.RepoRoot, p.GetString()!.Replace('\\', '/'))))
            .ToHashSet();

        var packageProjects = Directory.GetFiles(packages, "*.Package.csproj", SearchOption.AllDirectories);
        Assert.NotEmpty(packageProjects);
        var needed = packageProjects.Append(Path.Combine(TestPaths.RepoRoot, "src", "CoreosDsl.Templates", "CoreosDsl.Templates.csproj")).ToList();
        foreach (var project in packageProjects)
        {
            foreach (Match bundled in BundledItem().Matches(File.ReadAllText(project)))
            {
                needed.Add(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, bundled.Groups[1].Value)));
            }
        }

        Assert.True(needed.Count > packageProjects.Length, "no Bundled* items found: has Bundle.targets' item name changed?");
        Assert.Empty(needed.Where(p => !listed.Contains(p)).Select(p => Path.GetRelativePath(TestPaths.RepoRoot, p)));
    }

    [GeneratedRegex("<Bundled(?:Assembly|Analyzer) Include=\"([^\"]+)\"")]
    private static partial Regex BundledItem();
}
