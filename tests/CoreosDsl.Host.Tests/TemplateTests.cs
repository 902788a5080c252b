using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Host.Tests;

/// <summary>
/// <c>dotnet new coreosdsl-worker</c>: installed from the repository into a private template hive (the machine's
/// templates are not touched), instantiated, built against this repository's projects, run, and its snapshot test
/// passes as generated.
/// </summary>
public class TemplateTests
{
    private static readonly string Configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    private static readonly Dictionary<string, string> Quiet = new()
    {
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_GENERATE_ASPNET_CERTIFICATE"] = "false",
        ["COREOSDSL_CONSOLE"] = "plain",
        ["WORKER_SSH_KEYS"] = "",
    };

    [Fact]
    public void TheTemplateCreatesAProjectThatBuildsRunsAndPassesItsSnapshotTest()
    {
        var folder = TestPaths.NewScratchDirectory("template");
        var hive = Path.Combine(folder, "hive");
        var template = Path.Combine(TestPaths.RepoRoot, "src", "CoreosDsl.Templates", "content", "coreosdsl-worker");

        Dotnet(folder, "new", "install", template, "--debug:custom-hive", hive);
        Dotnet(folder, "new", "coreosdsl-worker", "-n", "Acme.Edge", "-o", "acme", "--coreosdsl-path", TestPaths.RepoRoot,
            "--worker-name", "edge-1", "--debug:custom-hive", hive);
        var project = Path.Combine(folder, "acme");
        Assert.Equal(
            [".gitignore", "Acme.Edge.Tests/Acme.Edge.Tests.csproj", "Acme.Edge.Tests/WorkerTests.Worker_files.verified/cloud-config.yml",
             "Acme.Edge.Tests/WorkerTests.Worker_files.verified/syslinux.cfg", "Acme.Edge.Tests/WorkerTests.Worker_files.verified/units/hello.service",
             "Acme.Edge.Tests/WorkerTests.cs", "Acme.Edge/Acme.Edge.csproj", "Acme.Edge/Program.cs", "Acme.Edge/Workers.cs", "Directory.Build.props"],
            Directory.GetFiles(project, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(project, f).Replace('\\', '/')).Order(StringComparer.Ordinal));

        // The repository's projects are built already (this test project references them): use their outputs.
        foreach (var csproj in new[] { "Acme.Edge/Acme.Edge.csproj", "Acme.Edge.Tests/Acme.Edge.Tests.csproj" })
        {
            Dotnet(project, "build", csproj, "-c", Configuration, "-p:BuildProjectReferences=false", "-warnaserror");
        }

        var dll = Path.Combine(project, "Acme.Edge", "bin", Configuration, "net10.0", "Acme.Edge.dll");
        var run = Dotnet(project, dll, "build", "--out", "out");
        Assert.Contains("edge-1: wrote 3 files", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("hostname: edge-1\n", File.ReadAllText(Path.Combine(project, "out", "edge-1", "cloud-config.yml")), StringComparison.Ordinal);
        Assert.Equal("edge-1: ok\n", Dotnet(project, dll, "validate", "--strict").StandardOutput);

        var test = Dotnet(project, "test", "Acme.Edge.Tests/Acme.Edge.Tests.csproj", "-c", Configuration, "--no-build");
        Assert.Contains("Passed!  - Failed:     0, Passed:     1", test.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void AWrongRepositoryPathFailsTheBuildSayingHowToFixIt()
    {
        var folder = TestPaths.NewScratchDirectory("template-path");
        var hive = Path.Combine(folder, "hive");
        Dotnet(folder, "new", "install", Path.Combine(TestPaths.RepoRoot, "src", "CoreosDsl.Templates", "content", "coreosdsl-worker"), "--debug:custom-hive", hive);
        Dotnet(folder, "new", "coreosdsl-worker", "-n", "Lost", "-o", "lost", "--debug:custom-hive", hive);

        var result = ExternalTool.Run("dotnet", ["build", "Lost/Lost.csproj"], TimeSpan.FromMinutes(3), Path.Combine(folder, "lost"), environment: Quiet);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"The CoreosDsl repository is not at {Path.Combine(folder, "CoreosDsl")}/", result.Output, StringComparison.Ordinal);
        Assert.Contains("--coreosdsl-path PATH", result.Output, StringComparison.Ordinal);
    }

    private static ToolResult Dotnet(string workingDirectory, params string[] arguments) =>
        ExternalTool.Run("dotnet", arguments, TimeSpan.FromMinutes(4), workingDirectory, environment: Quiet).EnsureSuccess();
}
