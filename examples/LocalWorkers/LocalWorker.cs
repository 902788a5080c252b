namespace LocalWorkers;

/// <summary>
/// The complete worker of the seed recipe, "Running Local CoreOS Workers": fleet against three etcd servers,
/// updates from the alpha channel, locksmithd and update-engine rewritten without their /usr/.noupdate
/// condition, a 05:00 reboot window, and local btrfs storage for Docker. Host names are example.com ones.
/// </summary>
public static class LocalWorker
{
    /// <summary>The etcd cluster fleet talks to.</summary>
    public static readonly Uri[] EtcdServers =
    [
        new("http://etcdcluster1.example.com:4001"),
        new("http://etcdcluster2.example.com:4001"),
        new("http://etcdcluster3.example.com:4001"),
    ];

    /// <summary>Where the worker fetches this cloud-config at boot (the seed's web server).</summary>
    public static readonly Uri ConfigUrl = new("http://config.example.com/cloud-config.yml");

    /// <summary>
    /// SSH keys for user core: from $COREOSDSL_SSH_KEYS or ./keys.pub when present; otherwise this placeholder
    /// so that the example runs as is. Never paste real keys into source.
    /// </summary>
    public const string PlaceholderKey =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA placeholder@example.com";

    /// <summary>The worker.</summary>
    public static WorkerDefinition Define() => Worker.Define("local-worker", w => w
        .Coreos(c => c
            .Fleet(fleet => fleet                                   // CDSL104: fleet is no longer shipped
                .EtcdServers(EtcdServers)
                .Metadata("role", "worker"))
            .Update(update => update
                .RebootStrategy(RebootStrategy.BestEffort)          // CDSL105: removed upstream in 2017
                .Group("alpha"))
            .Units(units => units
                .Service("locksmithd.service", UnitCommand.Start, s => s
                    .Booleans(BooleanSpelling.TrueFalse)            // the seed writes PrivateDevices=true
                    .Unit(u => u
                        .Description("Cluster reboot manager")
                        .Requires("update-engine.service")
                        .After("update-engine.service")
                        .ConditionVirtualization("container", negate: true))
                    .Service(x => x
                        .CPUShares(16)                              // CDSL101: use CPUWeight=
                        .MemoryLimit(ByteSize.MiB(32))              // CDSL101: use MemoryMax=
                        .PrivateDevices(true)
                        .EnvironmentFile("/usr/share/coreos/update.conf", optional: true)
                        .EnvironmentFile("/etc/coreos/update.conf", optional: true)
                        .ExecStart("/usr/lib/locksmith/locksmithd")
                        .Restart(ServiceRestart.Always)
                        .RestartSec(TimeSpan.FromSeconds(10)))
                    .Install(i => i.WantedBy("multi-user.target")))
                .Service("update-engine.service", UnitCommand.Start, s => s
                    .Unit(u => u
                        .Description("Update Engine")
                        .ConditionVirtualization("!container"))
                    .Service(x => x
                        .Type(ServiceType.Dbus)
                        .BusName("com.coreos.update1")
                        .ExecStart("/usr/sbin/update_engine -foreground -logtostderr -no_connection_manager")
                        .BlockIOWeight(100)                         // CDSL101: use IOWeight=
                        .Restart(ServiceRestart.Always)
                        .RestartSec("30"))                          // bare seconds, as the seed writes it
                    .Install(i => i.WantedBy("default.target")))
                .Existing("fleet.service", UnitCommand.Start)
                .Service("update-window.service", s => s
                    .Unit(u => u.Description("Reboot if an update has been downloaded"))
                    .Service(x => x.ExecStart(
                        "/usr/bin/bash -c 'if update_engine_client -status | grep NEED_REBOOT; then reboot; fi'")))
                .Timer("update-window.timer", UnitCommand.Start, t => t
                    .Unit(u => u.Description("Reboot if needed at 05:00 daily"))
                    .Timer(x => x.OnCalendar("*-*-* 05:00:00")))
                .Service("format-ephemeral.service", UnitCommand.Start, s => s
                    .Unit(u => u
                        .Description("Formats the ephemeral drive")
                        .Before("var-lib-docker.mount"))               // CDSL230: an ordering cycle, as in the seed
                    .Service(x => x
                        .Type(ServiceType.Oneshot)
                        .RemainAfterExit(true)
                        .ExecStart("/usr/sbin/wipefs -f /dev/sda")
                        .ExecStart("/usr/sbin/mkfs.btrfs -LDOCKER -f /dev/sda")))
                .Mount("var-lib-docker.mount", UnitCommand.Start, m => m
                    .Unit(u => u
                        .Description("Mount ephemeral to /var/lib/docker")
                        .Before("docker.service"))
                    .Mount(x => x
                        .What("LABEL=DOCKER")
                        .Where("/var/lib/docker")
                        .Type("btrfs")))))
        .SshAuthorizedKeys(SshKeys.FromEnvironmentOrFile("COREOSDSL_SSH_KEYS", "keys.pub", PlaceholderKey)))
        .WithConfigUrl(ConfigUrl);
}
