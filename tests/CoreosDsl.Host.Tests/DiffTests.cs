using CoreosDsl.Text;
using System.Text.Json.Nodes;
using CoreosDsl.CloudConfig;
using CoreosDsl.Tests.Shared;
using Fleet;

namespace CoreosDsl.Host.Tests;

/// <summary><c>diff</c>: deployed cloud-config against what a worker emits now.</summary>
public class DiffTests
{
    private readonly string folder = TestPaths.NewScratchDirectory("diff");

    [Fact]
    public void WhatTheWorkerEmitsHasNoDifference()
    {
        File.WriteAllText(Path.Combine(folder, "deployed.yml"), FleetWorkers.All()[1].ToYaml());
        var result = Cli.Run(Cli.Fleet, folder, "diff", "deployed.yml", "--worker", "worker-2");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("deployed.yml is what worker-2 emits\n", result.StandardOutput);
    }

    [Fact]
    public void ChangesAreShownByKeyAndUnitContentsAsUnifiedDiffs()
    {
        var emitted = FleetWorkers.All()[0].ToYaml();
        var deployed = emitted
            .Replace("group: stable", "group: beta", StringComparison.Ordinal)
            .Replace("CPUWeight=50", "CPUWeight=10", StringComparison.Ordinal)
            .Replace("hostname: worker-1\n", "", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(folder, "deployed.yml"), deployed);

        var result = Cli.Run(Cli.Fleet, folder, "diff", "deployed.yml", "-w", "worker-1");

        Assert.Equal(1, result.ExitCode);
        var output = result.StandardOutput;
        Assert.Contains("+ hostname: \"worker-1\"\n", output, StringComparison.Ordinal);
        Assert.Contains("~ coreos.update.group: \"beta\" -> \"stable\"\n", output, StringComparison.Ordinal);
        Assert.Contains("~ coreos.units[node-exporter.service].content:\n", output, StringComparison.Ordinal);
        Assert.Contains("    -CPUWeight=10\n    +CPUWeight=50\n", output, StringComparison.Ordinal);
        Assert.EndsWith("3 difference(s)\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSeedsDashKeyShowsAsARenameAndJsonListsEveryChange()
    {
        var seed = Path.Combine(TestPaths.TestData, "seed", "cloud-config.yml");
        var result = Cli.Run(Cli.LocalWorkers, folder, "diff", seed, "--json");
        Assert.Equal(1, result.ExitCode);
        var changes = JsonNode.Parse(result.StandardOutput)!["changes"]!.AsArray();
        Assert.Contains(changes, c => (string?)c!["kind"] == "renamed" && (string?)c["path"] == "coreos.update.reboot-strategy");
        Assert.Contains(changes, c => (string?)c!["kind"] == "changed" && (string?)c["path"] == "coreos.fleet.etcd_servers");
        Assert.DoesNotContain(changes, c => ((string?)c!["path"])!.StartsWith("coreos.units", StringComparison.Ordinal));
    }

    [Fact]
    public void NamedItemsAreMatchedByNameAndOrderChangesReported()
    {
        var deployed = CloudConfigYaml.Read("coreos:\n  units:\n  - name: a.service\n    command: start\n  - name: b.service\n    command: start\n  - name: c.service\n    command: stop\n");
        var emitted = CloudConfigYaml.Read("coreos:\n  units:\n  - name: b.service\n    command: start\n  - name: a.service\n    command: restart\n  - name: d.service\n    command: start\n");

        var changes = ConfigTreeDiff.Compare(deployed, emitted);

        Assert.Equal(
        [
            new TreeChange("coreos.units[a.service].command", ChangeKind.Changed, "\"start\"", "\"restart\"", null),
            new TreeChange("coreos.units[d.service]", ChangeKind.Added, null, "{name: d.service, 2 keys}", null),
            new TreeChange("coreos.units[c.service]", ChangeKind.Removed, "{name: c.service, 2 keys}", null, null),
            new TreeChange("coreos.units", ChangeKind.Reordered, "a.service, b.service", "b.service, a.service", null),
        ], changes);
    }

    [Fact]
    public void ListsOfValuesAreComparedAsCollections()
    {
        var deployed = CloudConfigYaml.Read("ssh_authorized_keys:\n- key-a\n- key-b\n");
        var emitted = CloudConfigYaml.Read("ssh_authorized_keys:\n- key-b\n- key-c\n- key-a\n");

        var change = Assert.Single(ConfigTreeDiff.Compare(deployed, emitted));

        Assert.Equal(new TreeChange("ssh_authorized_keys[1]", ChangeKind.Added, null, "\"key-c\"", null), change);
    }
}
