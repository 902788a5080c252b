using CoreosDsl.Testing;
using Fleet;

namespace CoreosDsl.Host.Tests;

/// <summary>What examples/Fleet emits, reviewed: every file of every worker.</summary>
public class FleetSnapshotTests
{
    [Theory]
    [InlineData("worker-1")]
    [InlineData("worker-2")]
    [InlineData("worker-3")]
    public void EachWorkersFiles(string name) =>
        Snapshot.Verify(FleetWorkers.All().Single(w => w.Name == name), new SnapshotSettings().UseParameters(name));

    [Fact]
    public void WorkersDifferOnlyWhereTheirMachinesDo()
    {
        var workers = FleetWorkers.All();
        Assert.Equal(["52:54:00:c0:de:01", "52:54:00:c0:de:02", "52:54:00:c0:de:03"], workers.SelectMany(w => w.MacAddresses));
        Assert.Equal(workers[1].ToYaml().Replace("worker-2", "worker-3", StringComparison.Ordinal), workers[2].ToYaml());
        Assert.Contains(workers[0].UnitContents(), u => u.Name == "ingress.service");
        Assert.DoesNotContain(workers[1].UnitContents(), u => u.Name == "ingress.service");
        Assert.Equal(new Uri("http://config.example.com:8080/worker-1/cloud-config.yml"), workers[0].Boot.ConfigUrl);
    }

    [Fact]
    public void SharedUnitsReferToEachOtherThroughTheirHandles()
    {
        var text = FleetWorkers.All()[0].UnitContents().ToDictionary(u => u.Name, u => u.Content);
        Assert.Contains("Before=var-lib-docker.mount\n", text["format-ephemeral.service"], StringComparison.Ordinal);
        Assert.Contains("After=node-exporter.service\n", text["ingress.service"], StringComparison.Ordinal);
        Assert.Contains("Unit=update-window.service\n", text["update-window.timer"], StringComparison.Ordinal);
        Assert.Contains("CPUWeight=50\nMemoryMax=64M\n", text["node-exporter.service"], StringComparison.Ordinal);
    }
}
