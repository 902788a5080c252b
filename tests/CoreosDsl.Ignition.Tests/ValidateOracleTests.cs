using CsCheck;

namespace CoreosDsl.Ignition.Tests;

/// <summary>Every config the builders write is accepted by ignition-validate with no error and no warning.</summary>
[Trait("Category", "Oracle")]
public class ValidateOracleTests
{
    private const string Key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl user@example";

    /// <summary>Every section of the spec in one config.</summary>
    public static IgnitionConfig Everything() => IgnitionConfig.Create(c => c
        .Ignition(i => i
            .Config(x => x.Merge("https://example.com/base.ign", r => r
                .Verification(v => v.Hash(ResourceBuilder.Sha512("{}")))
                .HttpHeader("Authorization", h => h.Value("Bearer x"))))
            .Timeouts(t => t.HttpResponseHeaders(20).HttpTotal(600))
            .Security(s => s.Tls(t => t.CertificateAuthority("https://example.com/ca.pem")))
            .Proxy(p => p.HttpProxy("http://proxy.example.com:3128").NoProxy("localhost", "10.0.0.0/8")))
        .KernelArguments(k => k.ShouldExist("console=ttyS0,115200").ShouldNotExist("quiet"))
        .Passwd(p => p
            .User("core", u => u.SshAuthorizedKeys(Key))
            .User("ops", u => u.Uid(1500).Groups("sudo", "docker").Shell("/bin/bash").HomeDir("/home/ops").Gecos("Operations"))
            .Group("deploy", g => g.Gid(1600).System()))
        .Storage(s => s
            .Disk("/dev/sdb", d => d.WipeTable().Partition(p => p.Number(1).Label("data").SizeMiB(0)))
            .Raid("md0", r => r.Level(RaidLevel.Raid1).Devices("/dev/disk/by-partlabel/r1", "/dev/disk/by-partlabel/r2"))
            .Luks("secret", l => l.Device("/dev/disk/by-partlabel/secret").Clevis(x => x.Tpm2()).WipeVolume())
            .Filesystem("/dev/disk/by-partlabel/data", f => f.Format(FilesystemFormat.Ext4).Label("DATA").WipeFilesystem().Path("/var/lib/data"))
            .Directory("/opt/bin", d => d.Mode("0755").Owner("root", "root"))
            .File("/etc/hostname", f => f.Mode("0644").Overwrite().Contents(r => r.Inline("worker-1\n")))
            .File("/opt/bin/tool", f => f.Mode("0755").Owner(500, 500)
                .Contents(r => r.Remote(new Uri("https://example.com/tool"), ResourceBuilder.Sha512("tool"))))
            .File("/etc/motd", f => f.Append(r => r.Inline("hello\n")))
            .File("/etc/big.conf", f => f.Contents(r => r.Inline(System.Text.Encoding.UTF8.GetBytes(new string('a', 4000)), compress: true)))
            .Link("/etc/localtime", l => l.Target("/usr/share/zoneinfo/UTC").Overwrite()))
        .Systemd(s => s
            .Unit("hello.service", u => u.Enabled().Contents("[Unit]\nDescription=Hello\n\n[Service]\nExecStart=/usr/bin/echo hello\n\n[Install]\nWantedBy=multi-user.target\n"))
            .Unit("docker.service", u => u.DropIn("10-opts.conf", d => d.Contents("[Service]\nEnvironment=DOCKER_OPTS=--debug\n")))
            .Unit("fleet.service", u => u.Mask())));

    [Fact]
    public void A_config_with_every_section_is_accepted() => IgnitionValidate.AssertClean(Everything().ToJson());

    [Fact]
    public void The_empty_config_is_accepted() => IgnitionValidate.AssertClean(IgnitionConfig.Create(_ => { }).ToJson());

    [Fact]
    public void The_oracle_can_fail()
    {
        // A sanity check on the oracle itself: a relative path is an error it reports.
        var json = """{"ignition":{"version":"3.3.0"},"storage":{"files":[{"path":"etc/x"}]}}""";
        Assert.Equal(1, IgnitionValidate.Run(json).ExitCode);
    }

    private static readonly Gen<string> Segment = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-_"], 1, 8];
    private static readonly Gen<string> AbsolutePath = Segment.Array[1, 4].Select(parts => "/" + string.Join('/', parts));
    private static readonly Gen<string> Text = Gen.String[Gen.OneOf(Gen.Char.AlphaNumeric, Gen.Const('\n'), Gen.Const('%'), Gen.Const('é'), Gen.Const('<')), 0, 40];

    private static readonly Gen<Action<StorageBuilder>> StorageItem = Gen.OneOf(
        Gen.Select(AbsolutePath, Text, Gen.Int[0, 511], (p, t, m) => (Action<StorageBuilder>)(s =>
            s.File(p, f => f.Mode(Convert.ToString(m, 8).PadLeft(4, '0')).Contents(r => r.Inline(t))))),
        Gen.Select(AbsolutePath, Gen.Int[0, 1000], (p, id) => (Action<StorageBuilder>)(s => s.Directory(p, d => d.Owner(id, id)))),
        Gen.Select(AbsolutePath, AbsolutePath, Gen.Bool, (p, t, hard) => (Action<StorageBuilder>)(s => s.Link(p, l => l.Target(t).Hard(hard)))));

    private static readonly Gen<Action<IgnitionSystemdBuilder>> UnitItem =
        Gen.Select(Segment, Gen.Bool, Gen.Bool, (name, enabled, dropIn) => (Action<IgnitionSystemdBuilder>)(s => s.Unit(name + ".service", u =>
        {
            u.Contents($"[Service]\nExecStart=/usr/bin/{name}\n" + (enabled ? "\n[Install]\nWantedBy=multi-user.target\n" : ""));
            if (enabled)
            {
                u.Enabled();
            }

            if (dropIn)
            {
                u.DropIn("10-" + name + ".conf", d => d.Contents("[Service]\nNice=5\n"));
            }
        })));

    [Fact]
    public void Generated_configs_are_accepted() =>
        Gen.Select(StorageItem.Array[0, 6], UnitItem.Array[0, 4], Segment.Array[0, 3], (storage, units, users) => IgnitionConfig.Create(c =>
            {
                foreach (var item in storage)
                {
                    c.Storage(item);
                }

                foreach (var item in units)
                {
                    c.Systemd(item);
                }

                foreach (var user in users)
                {
                    c.Passwd(p => p.User("u" + user, u => u.Groups("wheel")));
                }
            }).ToJson())
            .Where(json => !HasPathConflicts(json))
            .Sample(IgnitionValidate.AssertClean, iter: 40, threads: 1);

    /// <summary>
    /// Ignition refuses a path under a link or the same path twice, and cannot write a file under a file; random paths
    /// may collide so, and that refusal is Ignition's rule, not a writer bug.
    /// </summary>
    private static bool HasPathConflicts(string json)
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        var paths = new List<string>();
        foreach (var list in new[] { "files", "directories", "links" })
        {
            if (root["storage"]?[list] is System.Text.Json.Nodes.JsonArray items)
            {
                paths.AddRange(items.Select(i => (string)i!["path"]!));
            }
        }

        return paths.Select((a, i) => paths.Where((_, j) => j != i)
                .Any(b => a == b || b.StartsWith(a + "/", StringComparison.Ordinal)))
            .Any(conflict => conflict);
    }
}
