namespace CoreosDsl.Testing.Tests;

/// <summary>
/// The helper as users meet it: default settings, committed snapshots next to this file
/// (<c>DogfoodTests.*.verified*</c>), the real environment. The files are texts and file sets written here by hand,
/// so that the helper is tested apart from the worker model (whose own snapshots live in LocalWorkers.Tests).
/// </summary>
public sealed class DogfoodTests
{
    private const string Locksmithd = """
        [Unit]
        Description=Cluster reboot manager
        Requires=update-engine.service
        After=update-engine.service
        ConditionVirtualization=!container

        [Service]
        CPUShares=16
        MemoryLimit=32M
        PrivateDevices=true
        EnvironmentFile=-/usr/share/coreos/update.conf
        EnvironmentFile=-/etc/coreos/update.conf
        ExecStart=/usr/lib/locksmith/locksmithd
        Restart=always
        RestartSec=10s

        [Install]
        WantedBy=multi-user.target

        """;

    private const string UpdateWindowTimer = """
        [Unit]
        Description=Reboot if needed at 05:00 daily

        [Timer]
        OnCalendar=*-*-* 05:00:00

        """;

    private const string CloudConfig = """
        #cloud-config
        ---
        coreos:
          fleet:
            etcd_servers: http://etcdcluster1.example.com:4001,http://etcdcluster2.example.com:4001
            metadata: role=worker
          update:
            reboot_strategy: etcd-lock
            group: alpha
          units:
          - name: locksmithd.service
            command: start
          - name: update-window.timer
            command: start
        ssh_authorized_keys:
        - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPBOkp3zXIb4tbkqJLO7iITaYgZa/FNX6rN+XB/kV64R alice@example.com

        """;

    private const string SyslinuxCfg = """
        default coreos
        prompt 1
        timeout 15

        label coreos
          menu default
          kernel /coreos/vmlinuz
          append initrd=/coreos/cpio.gz coreos.autologin cloud-config-url=http://your.domain.com/cloud-config.yml

        """;

    [Fact]
    public void Seed_worker_files() => Snapshot.VerifyFiles(new Dictionary<string, string>
    {
        ["cloud-config.yml"] = CloudConfig,
        ["units/locksmithd.service"] = Locksmithd,
        ["units/update-window.timer"] = UpdateWindowTimer,
        ["syslinux.cfg"] = SyslinuxCfg,
    });

    [Fact]
    public void Locksmithd_unit() => Snapshot.Verify(Locksmithd, "service");

    [Theory]
    [InlineData("alpha")]
    [InlineData("stable")]
    public void Update_group(string group) =>
        Snapshot.Verify($"coreos:\n  update:\n    group: {group}\n", "yml", new SnapshotSettings().UseParameters(group));
}
