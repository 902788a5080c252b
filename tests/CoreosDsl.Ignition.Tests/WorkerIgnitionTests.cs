using System.Text;
using System.Text.Json.Nodes;
using CoreosDsl.CloudConfig;
using CoreosDsl.Systemd;

namespace CoreosDsl.Ignition.Tests;

/// <summary>One worker definition, two outputs: what the cloud-config says, Ignition writes.</summary>
public class WorkerIgnitionTests
{
    private const string Key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl user@example";

    /// <summary>A Flatcar worker with every shared concept: keys, hostname, files, users, update settings, units, drop-ins, networkd.</summary>
    public static WorkerDefinition Shared() => Worker.Define("flatcar-1", w => w
            .Hostname("flatcar-1")
            .Coreos(c => c
                .Update(u => u.Group("stable").RebootStrategy(RebootStrategy.EtcdLock))
                .Locksmith(l => l.WindowStart("Sun 04:00").WindowLength("1h"))
                .Units(units => units
                    .Service("hello.service", UnitCommand.Start, s => s
                        .Unit(u => u.Description("Says hello"))
                        .Service(x => x.Type(ServiceType.Oneshot).ExecStart("/usr/bin/echo hello"))
                        .Install(i => i.WantedBy("multi-user.target")))
                    .Existing("docker.service", UnitCommand.Start, e => e
                        .DropIns(d => d.Add(x => x.Name("10-opts.conf").Content("[Service]\nNice=5\n"))))
                    .Network("static.network", n => n.Match(m => m.Name("eth0")).Network(x => x.Address("10.0.0.10/24")))
                    .Add(m => m.Name("locksmithd.service").Mask(true))))
            .WriteFiles(f => f
                .Add(x => x.Path("/etc/motd").Content("Welcome\n").Permissions("0644"))
                .Add(x => x.Path("/opt/bin/run").Content(Convert.ToBase64String(Encoding.UTF8.GetBytes("#!/bin/sh\necho run\n"))).Encoding(FileEncoding.Base64).Permissions("0755").Owner("ops:docker")))
            .Users(u => u.Add(x => x.Name("ops").Groups("docker", "sudo").Shell("/bin/bash")))
            .SshAuthorizedKeys(Key))
        .WithProvisioning(Provisioning.Both);

    [Fact]
    [Trait("Category", "Oracle")]
    public void Both_outputs_are_written_and_ignition_validate_accepts_the_json()
    {
        var worker = Shared();
        var files = worker.Files();

        Assert.Contains(files, f => f.Key == "cloud-config.yml");
        Assert.Contains(files, f => f.Key == "ignition.json");
        IgnitionValidate.AssertClean(files["ignition.json"]);
        Assert.DoesNotContain(worker.Validate(), d => d.Id.StartsWith("CDSL26", StringComparison.Ordinal));
    }

    [Fact]
    public void The_shared_concepts_map_to_their_Ignition_form()
    {
        var json = JsonNode.Parse(Shared().ToIgnitionJson())!;

        var core = ((JsonArray)json["passwd"]!["users"]!).Single(u => (string?)u!["name"] == "core")!;
        Assert.Equal(Key, (string?)core["sshAuthorizedKeys"]![0]);
        var units = (JsonArray)json["systemd"]!["units"]!;
        Assert.True((bool)units.Single(u => (string?)u!["name"] == "hello.service")!["enabled"]!);
        Assert.Equal("10-opts.conf", (string?)units.Single(u => (string?)u!["name"] == "docker.service")!["dropins"]![0]!["name"]);
        Assert.True((bool)units.Single(u => (string?)u!["name"] == "locksmithd.service")!["mask"]!);
        Assert.DoesNotContain(units, u => (string?)u!["name"] == "static.network");
        var network = ((JsonArray)json["storage"]!["files"]!).Single(f => (string?)f!["path"] == "/etc/systemd/network/static.network")!;
        Assert.Equal("data:,%5BMatch%5D%0AName%3Deth0%0A%0A%5BNetwork%5D%0AAddress%3D10.0.0.10/24%0A", (string?)network["contents"]!["source"]);
    }

    [Fact]
    [Trait("Category", "Oracle")]
    public void The_real_Ignition_writes_exactly_the_files_units_and_links_of_the_config_and_the_units_build_wrote()
    {
        var worker = Shared();
        var json = worker.ToIgnitionJson();
        var root = IgnitionApply.Apply(json);
        try
        {
            IgnitionApply.AssertSameTree(IgnitionApply.Expected((JsonObject)JsonNode.Parse(json)!), IgnitionApply.Tree(root));

            // What build writes as units/NAME is what Ignition put in /etc/systemd/system, byte for byte.
            foreach (var (path, text) in worker.Files().Where(f => f.Key.StartsWith("units/", StringComparison.Ordinal) && !f.Key.EndsWith(".network", StringComparison.Ordinal)))
            {
                Assert.Equal(text, File.ReadAllText(Path.Combine(root, "etc/systemd/system", path["units/".Length..])));
            }

            Assert.Equal("Welcome\n", File.ReadAllText(Path.Combine(root, "etc/motd")));
            Assert.Equal("#!/bin/sh\necho run\n", File.ReadAllText(Path.Combine(root, "opt/bin/run")));
            Assert.Equal("GROUP=stable\nREBOOT_STRATEGY=etcd-lock\nLOCKSMITHD_REBOOT_WINDOW_START=Sun 04:00\nLOCKSMITHD_REBOOT_WINDOW_LENGTH=1h\n",
                File.ReadAllText(Path.Combine(root, "etc/flatcar/update.conf")));
            Assert.Equal("flatcar-1\n", File.ReadAllText(Path.Combine(root, "etc/hostname")));
            Assert.Contains("[Network]", File.ReadAllText(Path.Combine(root, "etc/systemd/network/static.network")));

            var passwd = File.ReadAllText(Path.Combine(root, "etc/passwd"));
            Assert.Contains("\ncore:", passwd);
            Assert.Contains("\nops:", passwd);
            Assert.Contains("ops", File.ReadAllText(Path.Combine(root, "etc/group")).Split('\n').Single(l => l.StartsWith("docker:", StringComparison.Ordinal)));
            Assert.Equal(Key + "\n", File.ReadAllText(Path.Combine(root, "home/core/.ssh/authorized_keys.d/ignition")));
            // The owner by name: ops:docker, as the config's target /etc/passwd and /etc/group resolve them.
            var owner = new FileInfo(Path.Combine(root, "opt/bin/run"));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherExecute, owner.UnixFileMode);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(root)!, recursive: true);
        }
    }

    [Fact]
    [Trait("Category", "Oracle")]
    public void A_started_unit_without_Install_is_CDSL261_at_run_time()
    {
#pragma warning disable CDSL261 // the run-time twin is under test
        var worker = Worker.Define("w", w => w.Coreos(c => c.Units(units => units
                .Raw("app.service", "[Service]\nExecStart=/usr/bin/app\n", UnitCommand.Start))))
            .WithIgnition();
#pragma warning restore CDSL261

        var d = Assert.Single(worker.Validate(), x => x.Id == "CDSL261");
        Assert.Equal(WorkerDiagnosticSeverity.Error, d.Severity);
        Assert.Contains("app.service", d.Message);
        // ignition-validate agrees: an enabled unit without [Install] is its warning.
        Assert.Contains("has no install section", IgnitionValidate.Run(worker.ToIgnitionJson()).Output);
    }

    [Fact]
    public void What_has_no_Ignition_form_is_CDSL262_naming_the_replacement()
    {
#pragma warning disable CDSL104, CDSL262 // fleet and etcd2 are what is being reported, at run time
        var worker = Worker.Define("w", w => w.Coreos(c => c
                .Fleet(f => f.Metadata("role", "worker"))
                .Etcd2(e => e.Name("w"))))
            .WithIgnition();
#pragma warning restore CDSL104, CDSL262

        var findings = worker.Validate().Where(x => x.Id == "CDSL262").ToList();
        Assert.Contains(findings, f => f.Message.Contains("coreos.fleet", StringComparison.Ordinal) && f.Message.Contains("systemd units", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Message.Contains("coreos.etcd2", StringComparison.Ordinal) && f.Message.Contains("etcd-member.service", StringComparison.Ordinal));
        Assert.DoesNotContain("fleet", worker.ToIgnitionJson());
    }

    [Fact]
    [Trait("Category", "Oracle")]
    public void An_Ignition_only_worker_writes_no_cloud_config_and_adds_its_Ignition_only_settings()
    {
        var worker = Worker.Define("w", w => w.SshAuthorizedKeys(Key))
            .WithProvisioning(Provisioning.Ignition)
            .WithIgnition(i => i.Storage(s => s.Filesystem("/dev/sdb", f => f.Format(FilesystemFormat.Ext4).Label("DATA").WipeFilesystem())));

        Assert.DoesNotContain(worker.Files(), f => f.Key == "cloud-config.yml");
        Assert.Contains("\"label\":\"DATA\"", worker.Files()["ignition.json"]);
        IgnitionValidate.AssertClean(worker.ToIgnitionJson());
    }
}
