using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Host.Tests;

/// <summary>
/// The packages as a user gets them: the package projects are packed into a folder feed, and in an empty folder
/// outside the repository (its own DOTNET_CLI_HOME, NuGet cache and nuget.config) the template package is installed,
/// <c>dotnet new coreosdsl-worker</c> creates a project that restores from packages only, and it builds, runs,
/// passes its snapshot test, and gets the analyzers' diagnostics. One test so that the slow steps (one pack, one
/// restore, one build) happen once.
/// </summary>
[Trait("Category", "Oracle")]
public class TemplateTests
{
    private static readonly string Configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    private static readonly TimeSpan Slow = TimeSpan.FromMinutes(10);

    [Fact]
    public void TheTemplatePackageCreatesAProjectThatRestoresFromPackagesBuildsRunsAndPassesItsTest()
    {
        var folder = TestPaths.NewScratchDirectory("template");
        var feed = Path.Combine(folder, "feed");
        Run(TestPaths.RepoRoot, "pack", Path.Combine("src", "packages", "CoreosDsl.Packages.slnf"), "-c", Configuration, "-o", feed);
        var version = Path.GetFileNameWithoutExtension(Directory.GetFiles(feed, "CoreosDsl.Templates.*.nupkg").Single())["CoreosDsl.Templates.".Length..];
        Assert.Equal(
            [$"CoreosDsl.{version}.nupkg", $"CoreosDsl.Host.{version}.nupkg", $"CoreosDsl.Images.{version}.nupkg",
             $"CoreosDsl.Templates.{version}.nupkg", $"CoreosDsl.Testing.{version}.nupkg"],
            Directory.GetFiles(feed).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        // Reproducible: packing again writes the same bytes (no time of packing in the zip entries). Two checkouts in
        // different folders, built from scratch, are compared by tests/reproducible-packages.sh.
        var again = Path.Combine(folder, "feed-again");
        Run(TestPaths.RepoRoot, "pack", Path.Combine("src", "packages", "CoreosDsl.Packages.slnf"), "-c", Configuration, "-o", again);
        Assert.All(Directory.GetFiles(feed), package => Assert.True(
            File.ReadAllBytes(package).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(again, Path.GetFileName(package)))),
            $"{Path.GetFileName(package)} differs when packed again"));

        // The user's side: only the feed and the packages the machine already has (no network), nothing shared.
        var user = Path.Combine(folder, "user");
        Directory.CreateDirectory(user);
        var machinePackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(Path.Combine(user, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="coreosdsl" value="{feed}" />
                <add key="machine" value="{machinePackages}" />
              </packageSources>
            </configuration>
            """);
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_CLI_HOME"] = Path.Combine(folder, "home"),
            ["NUGET_PACKAGES"] = Path.Combine(folder, "packages"),
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_GENERATE_ASPNET_CERTIFICATE"] = "false",
            ["COREOSDSL_CONSOLE"] = "plain",
            ["WORKER_SSH_KEYS"] = "",
        };

        Run(user, environment, "new", "install", Path.Combine(feed, $"CoreosDsl.Templates.{version}.nupkg"));
        Run(user, environment, "new", "coreosdsl-worker", "-n", "Acme", "--worker-name", "edge-1");
        var project = Path.Combine(user, "Acme");
        var files = Directory.GetFiles(project, "*", SearchOption.AllDirectories);
        Assert.Equal(
            [".gitignore", "Acme.Tests/Acme.Tests.csproj", "Acme.Tests/WorkerTests.Worker_files.verified/cloud-config.yml",
             "Acme.Tests/WorkerTests.Worker_files.verified/syslinux.cfg", "Acme.Tests/WorkerTests.Worker_files.verified/units/hello.service",
             "Acme.Tests/WorkerTests.cs", "Acme/Acme.csproj", "Acme/Program.cs", "Acme/Workers.cs", "Directory.Build.props"],
            files.Select(f => Path.GetRelativePath(project, f).Replace('\\', '/')).Order(StringComparer.Ordinal));
        Assert.All(files, f => Assert.DoesNotContain(TestPaths.RepoRoot.TrimEnd('/'), File.ReadAllText(f), StringComparison.Ordinal));
        Assert.Contains($"<CoreosDslVersion>{version}</CoreosDslVersion>", File.ReadAllText(Path.Combine(project, "Directory.Build.props")), StringComparison.Ordinal);

        // One restore and one build for both projects; then the program runs and its test passes as created.
        Run(project, environment, "build", "Acme.Tests/Acme.Tests.csproj", "-c", Configuration);
        var dll = Path.Combine(project, "Acme", "bin", Configuration, "net10.0", "Acme.dll");
        Assert.Contains("edge-1: wrote 3 files", Run(project, environment, dll, "build", "--out", "out").StandardOutput, StringComparison.Ordinal);
        Assert.Contains("hostname: edge-1\n", File.ReadAllText(Path.Combine(project, "out", "edge-1", "cloud-config.yml")), StringComparison.Ordinal);
        Assert.Equal("edge-1: ok\n", Run(project, environment, dll, "validate", "--strict").StandardOutput);
        var test = Run(project, environment, "test", "Acme.Tests/Acme.Tests.csproj", "-c", Configuration, "--no-build");
        Assert.Contains("Passed!  - Failed:     0, Passed:     1", test.StandardOutput, StringComparison.Ordinal);

        // The analyzers came with the package: a bad calendar literal is CDSL201 at its line.
        File.WriteAllText(Path.Combine(project, "Acme", "Nightly.cs"), """
            namespace Acme;

            public static class Nightly
            {
                public static WorkerDefinition Define() => Worker.Define("nightly", w => w
                    .Coreos(c => c.Units(units => units
                        .Timer("nightly.timer", t => t
                            .Timer(x => x.OnCalendar("*-*-* 25:00:00"))))));
            }
            """);
        var bad = ExternalTool.Run("dotnet", ["build", "Acme/Acme.csproj", "-c", Configuration, "--no-restore"], Slow, project, environment: environment);
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Matches(@"Nightly\.cs\(8,\d+\): error CDSL201:", bad.Output);

        // A shared units library (a company's standard units) exposes CoreosDsl.Systemd's public builder types; two
        // definitions projects use it, each targeting its own systemd. CPUShares= is deprecated from systemd 252:
        // the one that targets 251 builds, the one that targets 252 gets CDSL101 at its own call (an error there, as
        // the template treats warnings as errors).
        Directory.CreateDirectory(Path.Combine(project, "Standard"));
        File.WriteAllText(Path.Combine(project, "Standard", "Standard.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <PackageReference Include="CoreosDsl" Version="$(CoreosDslVersion)" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Standard", "StandardUnits.cs"), """
            using CoreosDsl.Systemd;

            namespace Standard;

            /// <summary>The company's standard units.</summary>
            public static class StandardUnits
            {
                /// <summary>The web service, whose [Service] section the caller tunes.</summary>
                public static UnitFile Web(Action<ServiceSectionBuilder> tune) => Units.Service("web.service", u => u
                    .Unit(x => x.Description("Standard web service"))
                    .Service(s => tune(s.ExecStart("/usr/bin/web")))
                    .Install(i => i.WantedBy("multi-user.target")));
            }
            """);
        foreach (var (name, systemd) in new[] { ("Old", 251), ("New", 252) })
        {
            Directory.CreateDirectory(Path.Combine(project, name));
            File.WriteAllText(Path.Combine(project, name, name + ".csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <CoreosDslSystemdVersion>{systemd}</CoreosDslSystemdVersion>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="CoreosDsl.Host" Version="$(CoreosDslVersion)" />
                    <ProjectReference Include="../Standard/Standard.csproj" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(project, name, "Program.cs"), $"""
                return WorkerHost.Run(args, () => Worker.Define("{name.ToLowerInvariant()}", w => w
                    .Coreos(c => c.Units(units => units
                        .Add(Standard.StandardUnits.Web(s => s
                            .CPUShares(512)), UnitCommand.Start))))
                    .WithIgnition().WithIgnitionSpec(IgnitionSpecVersion.V3_4_0));
                """);
        }

        var old = Run(project, environment, "build", "Old/Old.csproj", "-c", Configuration);
        Assert.DoesNotContain("CDSL1", old.Output, StringComparison.Ordinal);
        Assert.Contains("old: wrote", Run(project, environment, Path.Combine(project, "Old", "bin", Configuration, "net10.0", "Old.dll"), "build", "--out", "out").StandardOutput, StringComparison.Ordinal);
        Assert.Contains("CPUShares=512\n", File.ReadAllText(Path.Combine(project, "out", "old", "units", "web.service")), StringComparison.Ordinal);
        // Ignition for today's Flatcar comes with the package too, its namespace a global using like the others.
        Assert.Contains("\"version\":\"3.4.0\"", File.ReadAllText(Path.Combine(project, "out", "old", "ignition.json")), StringComparison.Ordinal);
        var newer = ExternalTool.Run("dotnet", ["build", "New/New.csproj", "-c", Configuration], Slow, project, environment: environment);
        Assert.NotEqual(0, newer.ExitCode);
        Assert.Matches(@"Program\.cs\(4,\d+\): error CDSL101: 'ServiceSectionBuilder\.CPUShares\(ulong\)' is obsolete: 'CPUShares=: deprecated v252", newer.Output);
        Assert.DoesNotMatch(@"StandardUnits\.cs\(\d+,\d+\): \w+ CDSL", newer.Output);

        // The worker name is checked as a DNS label: a bad one stops the first restore, naming the fix.
        Run(user, environment, "new", "coreosdsl-worker", "-n", "Bad", "--worker-name", "bad_name");
        var restore = ExternalTool.Run("dotnet", ["restore", "Bad/Bad.csproj"], Slow, Path.Combine(user, "Bad"), environment: environment);
        Assert.NotEqual(0, restore.ExitCode);
        Assert.Contains("The worker name 'bad_name' is not a DNS label", restore.Output, StringComparison.Ordinal);
        Assert.Contains("--worker-name", restore.Output, StringComparison.Ordinal);
    }

    private static ToolResult Run(string workingDirectory, params string[] arguments) =>
        ExternalTool.Run("dotnet", arguments, Slow, workingDirectory).EnsureSuccess();

    private static ToolResult Run(string workingDirectory, Dictionary<string, string> environment, params string[] arguments) =>
        ExternalTool.Run("dotnet", arguments, Slow, workingDirectory, environment: environment).EnsureSuccess();
}
