using System.Net;
using CoreosDsl.Networkd;

namespace FlatcarWorkers;

/// <summary>
/// The seed's worker as it would be written for Flatcar today, a worker with a data disk, a user and a verified
/// remote file, and a member of the etcd cluster that etcd-lock reboots take their lock from. All emit
/// cloud-config.yml and ignition.json from the one definition; Ignition also formats the disks. Host names are
/// example.com ones.
/// </summary>
public static class Workers
{
    /// <summary>The placeholder SSH key used when $COREOSDSL_SSH_KEYS and ./keys.pub are absent.</summary>
    public const string PlaceholderKey =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA placeholder@example.com";

    /// <summary>The release the data worker installs, and the sha512 of its bytes (Ignition refuses other bytes).</summary>
    public static readonly Uri ToolUrl = new("https://downloads.example.com/tool/1.0/tool");

    /// <summary>The digest of <see cref="ToolUrl"/>'s contents (<c>sha512sum tool</c>).</summary>
    public const string ToolSha512 =
        "sha512-183fbeaa75981252eba21095d9b9d5e7a0724a4042ae41ff5fd0e5e4bd7a457e0ac287cd044c3f66fb9d86712c58908232ce7b58e740c39eb82aa39e45bbcfdd";

    /// <summary>The peer URLs of the three etcd members (the seed's etcd servers, now run by Flatcar's etcd-member.service).</summary>
    public static readonly Uri[] EtcdPeers = [new("http://10.0.0.11:2380"), new("http://10.0.0.12:2380"), new("http://10.0.0.13:2380")];

    /// <summary>Every worker.</summary>
    public static IReadOnlyList<WorkerDefinition> All() => [FlatcarWorker(), DataWorker(), EtcdWorker()];

    private static IReadOnlyList<string> Keys() => SshKeys.FromEnvironmentOrFile("COREOSDSL_SSH_KEYS", "keys.pub", PlaceholderKey);

    /// <summary>
    /// The seed's worker for Flatcar: no fleet; etcd-lock reboots inside a 05:00 window; locksmithd and update-engine
    /// with today's cgroup directives (CPUWeight=, MemoryMax=, IOWeight=); the update-window timer; the ephemeral disk
    /// formatted by Ignition's storage.filesystems instead of a shell unit; the Docker mount.
    /// </summary>
    public static WorkerDefinition FlatcarWorker() => Worker.Define("flatcar-worker", w => w
            .Hostname("flatcar-worker")
            .Coreos(c => c
                .Update(update => update
                    .RebootStrategy(RebootStrategy.EtcdLock)
                    .Group("stable"))
                .Locksmith(l => l.WindowStart("05:00").WindowLength("1h"))
                .Units(units => units
                    .Service("locksmithd.service", UnitCommand.Start, s => s
                        .Unit(u => u
                            .Description("Cluster reboot manager")
                            .Requires("update-engine.service")
                            .After("update-engine.service")
                            .ConditionVirtualization("container", negate: true))
                        .Service(x => x
                            .CPUWeight(16)
                            .MemoryMax(ByteSize.MiB(32))
                            .PrivateDevices(true)
                            .EnvironmentFile("/usr/share/flatcar/update.conf", optional: true)
                            .EnvironmentFile("/etc/flatcar/update.conf", optional: true)
                            .ExecStart("/usr/lib/locksmith/locksmithd")
                            .Restart(ServiceRestart.Always)
                            .RestartSec(TimeSpan.FromSeconds(10)))
                        .Install(i => i.WantedBy("multi-user.target")))
                    .Service("update-engine.service", UnitCommand.Start, s => s
                        .Unit(u => u
                            .Description("Update Engine")
                            .ConditionVirtualization("container", negate: true))
                        .Service(x => x
                            .Type(ServiceType.Dbus)
                            .BusName("com.coreos.update1")
                            .ExecStart("/usr/sbin/update_engine -foreground -logtostderr")
                            .IOWeight(100)
                            .Restart(ServiceRestart.Always)
                            .RestartSec(TimeSpan.FromSeconds(30)))
                        .Install(i => i.WantedBy("multi-user.target")))
                    .Service("update-window.service", s => s
                        .Unit(u => u.Description("Reboot if an update has been downloaded"))
                        .Service(x => x
                            .Type(ServiceType.Oneshot)
                            .ExecStart("/usr/bin/bash -c 'if update_engine_client -status | grep NEED_REBOOT; then reboot; fi'")))
                    .Timer("update-window.timer", UnitCommand.Start, t => t
                        .Unit(u => u.Description("Reboot if needed at 05:00 daily"))
                        .Timer(x => x.OnCalendar("*-*-* 05:00:00"))
                        .Install(i => i.WantedBy("timers.target")))
                    .Mount("var-lib-docker.mount", UnitCommand.Start, m => m
                        .Unit(u => u
                            .Description("Mount ephemeral to /var/lib/docker")
                            .Before("docker.service"))
                        .Mount(x => x
                            .What("/dev/disk/by-label/DOCKER")
                            .Where("/var/lib/docker")
                            .Type("btrfs"))
                        .Install(i => i.WantedBy("local-fs.target")))))
            .SshAuthorizedKeys(Keys()))
        .WithIgnitionConfigUrl(new Uri("http://config.example.com/flatcar-worker/ignition.json"))
        .WithIgnition(i => i
            // Ignition formats the ephemeral disk before the system starts: no format-ephemeral.service.
            .Storage(s => s.Filesystem("/dev/sda", f => f.Format(FilesystemFormat.Btrfs).Label("DOCKER").WipeFilesystem())));

    /// <summary>A worker with a data disk (one partition, ext4, mounted at /var/lib/data), a user and a verified remote file.</summary>
    public static WorkerDefinition DataWorker() => Worker.Define("data-worker", w => w
            .Hostname("data-worker")
            .Coreos(c => c
                .Update(update => update.RebootStrategy(RebootStrategy.Reboot).Group("stable"))
                .Units(units => units
                    .Mount("var-lib-data.mount", UnitCommand.Start, m => m
                        .Unit(u => u.Description("The data disk"))
                        .Mount(x => x.What("/dev/disk/by-label/DATA").Where("/var/lib/data").Type("ext4"))
                        .Install(i => i.WantedBy("local-fs.target")))))
            .Users(users => users.Add(u => u.Name("deploy").Groups("docker").SshAuthorizedKeys(Keys())))
            .SshAuthorizedKeys(Keys()))
        .WithIgnitionConfigUrl(new Uri("http://config.example.com/data-worker/ignition.json"))
        .WithIgnition(i => i
            .Storage(s => s
                .Disk("/dev/sdb", d => d.WipeTable().Partition(p => p.Number(1).Label("data")))
                .Filesystem("/dev/disk/by-partlabel/data", f => f.Format(FilesystemFormat.Ext4).Label("DATA").WipeFilesystem())
                .Directory("/opt/bin", d => d.Mode("0755"))
                .File("/opt/bin/tool", f => f.Mode("0755").Contents(r => r.Remote(ToolUrl, ToolSha512)))));

    /// <summary>
    /// The first member of the three-member etcd cluster that etcd-lock reboots take their lock from, at a static
    /// address (a <c>.network</c> file of the typed networkd builders): Flatcar's
    /// etcd-member.service, started and configured by a drop-in of ETCD_* variables (what the seed's etcd2 servers
    /// were). The URLs are checked as etcd checks them, and the member against its initial cluster.
    /// </summary>
    public static WorkerDefinition EtcdWorker() => Worker.Define("etcd-1", w => w
            .Hostname("etcd-1")
            .Coreos(c => c
                .Update(update => update.RebootStrategy(RebootStrategy.EtcdLock).Group("stable"))
                .EtcdMember(e => e
                    .ImageTag("v3.5.16")
                    .Name("etcd-1")
                    .ListenClientUrls(new Uri("http://0.0.0.0:2379"))
                    .AdvertiseClientUrls(new Uri("http://10.0.0.11:2379"))
                    .ListenPeerUrls(EtcdPeers[0])
                    .InitialAdvertisePeerUrls(EtcdPeers[0])
                    .InitialClusterMember("etcd-1", EtcdPeers[0])
                    .InitialClusterMember("etcd-2", EtcdPeers[1])
                    .InitialClusterMember("etcd-3", EtcdPeers[2])
                    .InitialClusterToken("flatcar-workers")
                    .InitialClusterState(EtcdClusterState.New))
                // The member's fixed address, the one its URLs advertise, written by the typed networkd builders.
                .Units(units => units
                    .Network("10-static.network", n => n
                        .Match(m => m.Name("eth0"))
                        .Network(x => x
                            .Address(IPAddress.Parse("10.0.0.11"), 24)
                            .Gateway(IPAddress.Parse("10.0.0.1"))
                            .DNS(IPAddress.Parse("10.0.0.1"))
                            .DHCP(DhcpMode.No)))))
            .SshAuthorizedKeys(Keys()))
        .WithIgnitionConfigUrl(new Uri("http://config.example.com/etcd-1/ignition.json"));
}
