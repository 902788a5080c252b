namespace CoreosDsl.CloudConfig.Tests;

/// <summary>The seed's cloud-config (tests/TestData/seed/cloud-config.yml) built by hand as a model tree.</summary>
internal static class SeedTree
{
    public static ConfigMapping Build()
    {
        var fleet = new ConfigMapping();
        fleet.Set("etcd_servers", ConfigScalar.String("http://etcdcluster1.grandrounds.com:4001, http://etcdcluster2.grandrounds.com:4001, http://etcdcluster3.grandrounds.com:4001"));
        fleet.Set("metadata", ConfigScalar.String("role=worker"));
        var update = new ConfigMapping();
        update.Set("reboot-strategy", ConfigScalar.String("best-effort"));
        update.Set("group", ConfigScalar.String("alpha"));
        var units = new ConfigSequence();
        units.Add(Unit(("name", "locksmithd.service"), ("command", "start"), ("content", "[Unit]\nDescription=Cluster reboot manager\nRequires=update-engine.service\nAfter=update-engine.service\nConditionVirtualization=!container\n[Service]\nCPUShares=16\nMemoryLimit=32M\nPrivateDevices=true\nEnvironmentFile=-/usr/share/coreos/update.conf\nEnvironmentFile=-/etc/coreos/update.conf\nExecStart=/usr/lib/locksmith/locksmithd\nRestart=always\nRestartSec=10s\n[Install]\nWantedBy=multi-user.target\n")));
        units.Add(Unit(("name", "update-engine.service"), ("command", "start"), ("content", "[Unit]\nDescription=Update Engine\nConditionVirtualization=!container\n[Service]\nType=dbus\nBusName=com.coreos.update1\nExecStart=/usr/sbin/update_engine -foreground -logtostderr -no_connection_manager\nBlockIOWeight=100\nRestart=always\nRestartSec=30\n[Install]\nWantedBy=default.target\n")));
        units.Add(Unit(("name", "fleet.service"), ("command", "start")));
        units.Add(Unit(("name", "update-window.service"), ("content", "[Unit]\nDescription=Reboot if an update has been downloaded\n[Service]\nExecStart=/usr/bin/bash -c 'if update_engine_client -status | grep NEED_REBOOT; then reboot; fi'\n")));
        units.Add(Unit(("name", "update-window.timer"), ("command", "start"), ("content", "[Unit]\nDescription=Reboot if needed at 05:00 daily\n[Timer]\nOnCalendar=*-*-* 05:00:00\n")));
        units.Add(Unit(("name", "format-ephemeral.service"), ("command", "start"), ("content", "[Unit]\nDescription=Formats the ephemeral drive\nBefore=var-lib-docker.mount\n[Service]\nType=oneshot\nRemainAfterExit=yes\nExecStart=/usr/sbin/wipefs -f /dev/sda\nExecStart=/usr/sbin/mkfs.btrfs -LDOCKER -f /dev/sda\n")));
        units.Add(Unit(("name", "var-lib-docker.mount"), ("command", "start"), ("content", "[Unit]\nDescription=Mount ephemeral to /var/lib/docker\nBefore=docker.service\n[Mount]\nWhat=LABEL=DOCKER\nWhere=/var/lib/docker\nType=btrfs\n")));
        var coreos = new ConfigMapping();
        coreos.Set("fleet", fleet);
        coreos.Set("update", update);
        coreos.Set("units", units);
        var root = new ConfigMapping();
        root.Set("coreos", coreos);
        var keys = new ConfigSequence();
        keys.Add(ConfigScalar.String("ssh-rsa AAAAB3NAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA== someone@grandrounds.com\n"));
        keys.Add(ConfigScalar.String("ssh-rsa AAAAB3NAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA== another@grandrounds.com\n"));
        root.Set("ssh_authorized_keys", keys);
        return root;
    }

    private static ConfigMapping Unit(params (string Key, string Value)[] fields)
    {
        var unit = new ConfigMapping();
        foreach (var (key, value) in fields)
        {
            unit.Set(key, ConfigScalar.String(value));
        }

        return unit;
    }
}
