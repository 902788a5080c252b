namespace Fleet;

/// <summary>
/// Units every worker of the fleet runs, defined once. Each is a typed handle: other units refer to it with
/// <c>.Requires(DockerVolume)</c> instead of repeating its name, so a rename cannot leave a dangling reference.
/// </summary>
public static class SharedUnits
{
    /// <summary>Local storage for Docker: the ephemeral disk as btrfs (the seed's mount).</summary>
    public static UnitFile DockerVolume { get; } = Units.Mount("var-lib-docker.mount", m => m
        .Unit(u => u
            .Description("Mount ephemeral to /var/lib/docker")
            .Before("docker.service"))
        .Mount(x => x
            .What("LABEL=DOCKER")
            .Where("/var/lib/docker")
            .Type("btrfs")));

    /// <summary>
    /// Formats the ephemeral disk before Docker's volume is mounted. An early-boot unit: with the default
    /// dependencies a service starts after basic.target, which is after local-fs.target, which is after every local
    /// mount, so ordering it before the mount would be a cycle (CDSL230, the seed's). It is ordered explicitly
    /// instead: after its disk appears, before the mount.
    /// </summary>
    public static UnitFile FormatEphemeral { get; } = Units.Service("format-ephemeral.service", s => s
        .Unit(u => u
            .Description("Formats the ephemeral drive")
            .DefaultDependencies(false)
            .Requires("dev-sda.device")
            .After("dev-sda.device")
            .Before(DockerVolume))
        .Service(x => x
            .Type(ServiceType.Oneshot)
            .RemainAfterExit(true)
            .ExecStart("/usr/sbin/wipefs -f /dev/sda")
            .ExecStart("/usr/sbin/mkfs.btrfs -LDOCKER -f /dev/sda")));

    /// <summary>Reboots into a downloaded update, when the timer below fires.</summary>
    public static UnitFile UpdateWindow { get; } = Units.Service("update-window.service", s => s
        .Unit(u => u.Description("Reboot if an update has been downloaded"))
        .Service(x => x
            .Type(ServiceType.Oneshot)
            .ExecStart("/usr/bin/bash -c 'if update_engine_client -status | grep NEED_REBOOT; then reboot; fi'")));

    /// <summary>The reboot window: 05:00, with a spread so that the fleet does not reboot at once.</summary>
    public static UnitFile UpdateWindowTimer { get; } = Units.Timer("update-window.timer", t => t
        .Unit(u => u.Description("Reboot if needed at 05:00 daily"))
        .Timer(x => x
            .OnCalendar("*-*-* 05:00:00")
            .RandomizedDelaySec(TimeSpan.FromMinutes(30))
            .Unit(UpdateWindow))
        .Install(i => i.WantedBy("timers.target")));

    /// <summary>Host metrics for the monitoring system, with cgroup v2 limits (CPUWeight=, MemoryMax=).</summary>
    public static UnitFile NodeExporter(int port) => Units.Service("node-exporter.service", s => s
        .Unit(u => u
            .Description("Prometheus node exporter")
            .Requires("docker.service")
            .After("docker.service")
            .After(DockerVolume))
        .Service(x => x
            .ExecStartPre("-/usr/bin/docker rm -f node-exporter")
            .ExecStart($"/usr/bin/docker run --name node-exporter --net=host --pid=host quay.io/prometheus/node-exporter:v1.8.2 --web.listen-address=:{port}")
            .ExecStop("/usr/bin/docker stop node-exporter")
            .CPUWeight(50)
            .MemoryMax(ByteSize.MiB(64))
            .Restart(ServiceRestart.Always)
            .RestartSec(TimeSpan.FromSeconds(10)))
        .Install(i => i.WantedBy("multi-user.target")));

    /// <summary>The ingress proxy, only on ingress machines; it needs the metrics exporter up first.</summary>
    public static UnitFile Ingress(UnitFile exporter) => Units.Service("ingress.service", s => s
        .Unit(u => u
            .Description("Ingress proxy")
            .Requires("docker.service", exporter.Name.Value)
            .After(exporter))
        .Service(x => x
            .ExecStartPre("-/usr/bin/docker rm -f ingress")
            .ExecStart("/usr/bin/docker run --name ingress --net=host docker.io/library/haproxy:3.0")
            .ExecStop("/usr/bin/docker stop ingress")
            .CPUWeight(200)
            .MemoryMax(ByteSize.MiB(256))
            .Restart(ServiceRestart.Always))
        .Install(i => i.WantedBy("multi-user.target")));
}
