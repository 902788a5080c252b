using System.Xml.Linq;
using CoreosDsl.Tests.Shared;
using Microsoft.CodeAnalysis;

namespace CoreosDsl.Analyzers.Tests.Support;

/// <summary>An example project (examples/NAME) as its .csproj builds it: its sources, properties and usings.</summary>
public sealed class ExampleProject
{
    private ExampleProject(string name, ProjectSettings settings, IReadOnlyList<string> files)
    {
        Name = name;
        Settings = settings;
        Files = files;
    }

    /// <summary>The folder name under examples/.</summary>
    public string Name { get; }

    /// <summary>The project's settings: systemd version, target OS, output kind, global usings.</summary>
    public ProjectSettings Settings { get; }

    /// <summary>The paths of its .cs files, relative to the repository, in ordinal order.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>Reads examples/<paramref name="name"/>.</summary>
    public static ExampleProject Load(string name)
    {
        var directory = Path.Combine(TestPaths.RepoRoot, "examples", name);
        var project = XDocument.Load(Directory.GetFiles(directory, "*.csproj").Single());
        string? Property(string property) => project.Descendants(property).Select(e => e.Value.Trim()).LastOrDefault();

        // The SDK's implicit usings for a console project, plus the project's own Using items.
        var usings = new[] { "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks" }
            .Concat(project.Descendants("Using").Select(u => (string)u.Attribute("Include")!));
        var settings = new ProjectSettings(
            int.Parse(Property("CoreosDslSystemdVersion") ?? "252", System.Globalization.CultureInfo.InvariantCulture),
            Property("CoreosDslTargetOs"),
            Property("OutputType") == "Exe" ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
            string.Concat(usings.Select(u => $"global using {u};\n")));
        var files = Directory.GetFiles(directory, "*.cs").OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => Path.GetRelativePath(TestPaths.RepoRoot, f).Replace('\\', '/')).ToList();
        return new ExampleProject(name, settings, files);
    }

    /// <summary>Compiles the project with its sources, <paramref name="text"/> instead of the text of <paramref name="file"/>.</summary>
    public CompiledSnippet Compile(string? file = null, string? text = null) => AnalyzerHarness.Compile(
        Settings,
        [.. Files.Select(f => f == file ? text! : File.ReadAllText(Path.Combine(TestPaths.RepoRoot, f)))]);

    /// <summary>The repository path of a diagnostic's file (the harness names the sources User0.cs, User1.cs, ...).</summary>
    public string FileOf(Diagnostic diagnostic) =>
        diagnostic.Location.SourceTree?.FilePath is { } path && path.StartsWith("User", StringComparison.Ordinal)
            ? Files[int.Parse(path["User".Length..^".cs".Length], System.Globalization.CultureInfo.InvariantCulture)]
            : "";
}
