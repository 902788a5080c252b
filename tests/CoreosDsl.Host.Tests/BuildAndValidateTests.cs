using System.Text.Json.Nodes;
using CoreosDsl.Tests.Shared;
using Fleet;

namespace CoreosDsl.Host.Tests;

/// <summary><c>build</c> and <c>validate</c> through the process boundary.</summary>
public class BuildAndValidateTests
{
    private readonly string folder = TestPaths.NewScratchDirectory("build");

    [Fact]
    public void WithoutACommandEveryWorkerIsBuiltUnderOut()
    {
        var result = Cli.Run(Cli.Fleet, folder);
        Assert.Equal(0, result.ExitCode);
        foreach (var worker in FleetWorkers.All())
        {
            var workerFolder = Path.Combine(folder, "out", worker.Name);
            Assert.Contains($"{worker.Name}: wrote {worker.Files().Count} files to {workerFolder}", result.StandardOutput, StringComparison.Ordinal);
            foreach (var (path, text) in worker.Files())
            {
                Assert.Equal(text, File.ReadAllText(Path.Combine(workerFolder, path)));
            }
        }
    }

    [Fact]
    public void BuildWritesOnlyTheChosenWorkers()
    {
        var result = Cli.Run(Cli.Fleet, folder, "build", "-o", "site", "--worker", "worker-2", "--json");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["worker-2"], Directory.GetDirectories(Path.Combine(folder, "site")).Select(Path.GetFileName));
        var json = JsonNode.Parse(result.StandardOutput)!;
        Assert.Equal("worker-2", (string?)json["workers"]![0]!["name"]);
        Assert.Contains("units/node-exporter.service", json["workers"]![0]!["files"]!.AsArray().Select(f => (string?)f));
    }

    [Fact]
    public void TheFleetValidatesClean()
    {
        var result = Cli.Run(Cli.Fleet, folder, "validate", "--strict");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("worker-1: ok\nworker-2: ok\nworker-3: ok\n", result.StandardOutput);
    }

    [Fact]
    public void TheSeedWorkerFailsValidationWithIdsAndLines()
    {
        var result = Cli.Run(Cli.LocalWorkers, folder, "validate");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("local-worker: error checkValidity: cloud-config.yml:7: invalid value best-effort", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("local-worker: warning checkStructure.deprecated: cloud-config.yml:3:", result.StandardOutput, StringComparison.Ordinal);
        // The analyzers' runtime twin: Flatcar (the default dialect) does not ship the seed's fleet.service.
        Assert.Contains("local-worker: warning CDSL229: fleet.service: 'fleet.service' is used as an existing unit (no content), but Flatcar Container Linux does not ship it", result.StandardOutput, StringComparison.Ordinal);
        // And the seed's ordering cycle.
        Assert.Contains("local-worker: warning CDSL230: format-ephemeral.service [Unit] Before=: ordering cycle: format-ephemeral.service → var-lib-docker.mount", result.StandardOutput, StringComparison.Ordinal);
        Assert.EndsWith("local-worker: 1 error(s), 3 warning(s), 0 info(s)\n", result.StandardOutput, StringComparison.Ordinal);

        var json = JsonNode.Parse(Cli.Run(Cli.LocalWorkers, folder, "validate", "--json").StandardOutput)!;
        Assert.False((bool)json["ok"]!);
        Assert.Contains(json["workers"]![0]!["diagnostics"]!.AsArray(), d => (string?)d!["id"] == "checkValidity" && (string?)d["severity"] == "error");
    }

    [Fact]
    public void AFileIsRenderedLikeButaneWithACaret()
    {
        var seed = Path.Combine(TestPaths.TestData, "seed", "cloud-config.yml");
        var result = Cli.Run(Cli.Fleet, folder, "validate", seed);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"--> {seed}:9:5\n  |\n9 |     reboot-strategy: best-effort\n  |     ^^^^^^^^^^^^^^^\n", result.StandardOutput, StringComparison.Ordinal);
        // The unit rules too: the seed's ordering cycle, and fleet.service, which Flatcar does not ship.
        Assert.Contains("warning[CDSL230]: ordering cycle: format-ephemeral.service", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("warning[CDSL229]: 'fleet.service'", result.StandardOutput, StringComparison.Ordinal);
        Assert.EndsWith(": 0 error(s), 4 warning(s), 0 info(s)\n", result.StandardOutput, StringComparison.Ordinal);

        Assert.Equal(1, Cli.Run(Cli.Fleet, folder, "validate", seed, "--strict").ExitCode);
        Assert.Equal(1, Cli.Run(Cli.Fleet, folder, "validate", seed, "--dialect", "CoreOS").ExitCode);
    }

    [Fact]
    public void AnInvalidFileExits1AndJsonCarriesTheEntries()
    {
        File.WriteAllText(Path.Combine(folder, "bad.yml"), "#cloud-config\ncoreos:\n  update:\n    reboot_strategy: sometimes\n");
        var result = Cli.Run(Cli.Fleet, folder, "validate", "bad.yml", "--json");
        Assert.Equal(1, result.ExitCode);
        var json = JsonNode.Parse(result.StandardOutput)!;
        Assert.False((bool)json["ok"]!);
        Assert.Equal(4, (int)json["entries"]![0]!["line"]!);
    }
}
