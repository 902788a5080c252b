using System.Text.Json.Nodes;
using CoreosDsl.Testing;
using FlatcarWorkers;

namespace CoreosDsl.Ignition.Tests;

/// <summary>examples/FlatcarWorkers: both outputs snapshotted, checked by ignition-validate and applied by Ignition.</summary>
public class FlatcarWorkersTests
{
    [Fact]
    public void The_Flatcar_workers_files_match_their_snapshot() => Snapshot.Verify(Workers.FlatcarWorker());

    [Fact]
    public void The_data_workers_files_match_their_snapshot() => Snapshot.Verify(Workers.DataWorker());

    [Fact]
    public void The_etcd_members_files_match_their_snapshot() => Snapshot.Verify(Workers.EtcdWorker());

    [Fact]
    [Trait("Category", "Oracle")]
    public void Every_worker_emits_both_outputs_and_ignition_validate_accepts_its_json()
    {
        foreach (var worker in Workers.All())
        {
            Assert.Equal(Provisioning.Both, worker.Provisioning);
            Assert.Contains(worker.Files(), f => f.Key == "cloud-config.yml");
            IgnitionValidate.AssertClean(worker.Files()["ignition.json"]);
            Assert.DoesNotContain(worker.Validate(), d => d.Severity == WorkerDiagnosticSeverity.Error || d.Id.StartsWith("CDSL26", StringComparison.Ordinal));
            Assert.Contains("flatcar.first_boot=1", worker.ToSyslinuxConfig());
        }
    }

    [Fact]
    [Trait("Category", "Oracle")]
    public void The_real_Ignition_writes_what_build_says_the_Flatcar_worker_has()
    {
        var worker = Workers.FlatcarWorker();
        var json = worker.ToIgnitionJson();
        var root = IgnitionApply.Apply(json);
        try
        {
            IgnitionApply.AssertSameTree(IgnitionApply.Expected((JsonObject)JsonNode.Parse(json)!), IgnitionApply.Tree(root));
            foreach (var (path, text) in worker.Files().Where(f => f.Key.StartsWith("units/", StringComparison.Ordinal)))
            {
                Assert.Equal(text, File.ReadAllText(Path.Combine(root, "etc/systemd/system", path["units/".Length..])));
            }

            Assert.Equal("enable locksmithd.service\nenable update-engine.service\nenable update-window.timer\nenable var-lib-docker.mount\n",
                IgnitionApply.SortedLines(File.ReadAllText(Path.Combine(root, IgnitionApply.PresetPath))));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(root)!, recursive: true);
        }
    }
}
