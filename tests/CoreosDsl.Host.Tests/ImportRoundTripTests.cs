using System.Text;
using CoreosDsl.CloudConfig;
using CoreosDsl.CloudConfig.Schema;
using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Host.Tests;

/// <summary>
/// <c>import</c>: the C# it writes, compiled with the source generator and run, builds the input's cloud-config
/// again: the same tree (dash-form keys renamed) and the same YAML text as the input written by our writer.
/// </summary>
public class ImportRoundTripTests
{
    /// <summary>The typed unit builders the importer checks against: the ones generated into the Fleet example.</summary>
    private static readonly System.Reflection.Assembly Builders = typeof(Fleet.FleetWorkers).Assembly;

    private static readonly string[] Deprecations = ["CDSL101", "CDSL104", "CDSL105", "CDSL106", "CDSL107"];

    [Fact]
    public void TheSeedRoundTripsThroughTheCommandLine()
    {
        var folder = TestPaths.NewScratchDirectory("import");
        var seed = Path.Combine(TestPaths.TestData, "seed", "cloud-config.yml");

        var result = Cli.Run(Cli.LocalWorkers, folder, "import", seed, "--name", "seed-worker", "--namespace", "Migrated", "--out", "SeedWorker.cs");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("review: coreos.update.reboot-strategy: written as reboot_strategy", result.StandardOutput, StringComparison.Ordinal);
        var source = File.ReadAllText(Path.Combine(folder, "SeedWorker.cs"));
        var worker = GeneratedCode.Define(GeneratedCode.Compile([source], Deprecations), "Migrated.SeedWorker");

        var input = CloudConfigYaml.Read(File.ReadAllText(seed), CloudConfigDialect.Flatcar);
        var update = (ConfigMapping)((ConfigMapping)input["coreos"])["update"];
        Rename(update, "reboot-strategy", "reboot_strategy");
        Assert.Equal("seed-worker", worker.Name);
        Assert.True(input.DeepEquals(worker.CloudConfig), $"the imported worker emits another tree:\n{worker.ToYaml()}");

        // Every unit of the seed became typed builder calls, not raw text.
        Assert.DoesNotContain(".Raw(", source, StringComparison.Ordinal);
        Assert.Contains(".Service(\"locksmithd.service\", UnitCommand.Start, unit => unit", source, StringComparison.Ordinal);
        Assert.Contains(".ConditionVirtualization(\"!container\")", source, StringComparison.Ordinal);
        Assert.Contains(".Restart(ServiceRestart.Always)", source, StringComparison.Ordinal);
        Assert.Contains(".Existing(\"fleet.service\", UnitCommand.Start)", source, StringComparison.Ordinal);
        Assert.Contains("// CDSL101: CPUShares=", source, StringComparison.Ordinal);
    }

    [Fact]
    public void WhatTheBuildersCannotExpressStaysRawAndStillRoundTrips()
    {
        const string yaml = """
            #cloud-config
            hostname: edge
            x_site_tag: blue
            manage_etc_hosts: localhost
            write_files:
            - path: /etc/motd
              permissions: 0644
              content: |
                hello
            coreos:
              units:
              - name: commented.service
                command: start
                content: |
                  # a comment the builders do not write
                  [Service]
                  ExecStart=/bin/true
              - name: vendor.service
                enable: true
                content: |
                  [Unit]
                  X-Vendor=acme
                  Description=Vendor
                  [Service]
                  Type=simple
                  ExecStart=
                  ExecStart=/usr/bin/vendor
              - name: docker.service
                drop_ins:
                - name: 50-opts.conf
                  content: |
                    [Service]
                    Environment=DOCKER_OPTS=--debug
            """;

        var (worker, result) = RoundTrip(yaml, "edge");

        Assert.True(result.ExpectedTree.DeepEquals(worker.CloudConfig), worker.ToYaml());
        Assert.Contains("x_site_tag: not a key the builders know", string.Join('\n', result.Notes), StringComparison.Ordinal);
        Assert.Contains("coreos.units[commented.service]: content kept as raw text", string.Join('\n', result.Notes), StringComparison.Ordinal);
        Assert.Contains("s.Raw(\"X-Vendor\", \"acme\");", result.Source.Replace("u.Raw", "s.Raw", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains(".Reset(\"ExecStart\");", result.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void RandomConfigsRoundTrip()
    {
        // One compilation for all of them: the generator's builders are the slow part.
        const int count = 40;
        var cases = Enumerable.Range(0, count).Select(seed =>
        {
            var tree = RandomConfig.Create(new Random(seed));
            var yaml = CloudConfigYaml.Write(tree);
            var result = CloudConfigImporter.Import(yaml, new ImportOptions
            {
                WorkerName = $"random-{seed}",
                ClassName = "Worker" + seed,
                Namespace = "Random",
                UnitBuilders = Builders,
            });
            return (Seed: seed, Yaml: yaml, Result: result);
        }).ToList();

        var assembly = GeneratedCode.Compile(cases.Select(c => c.Result.Source), Deprecations);

        foreach (var (seed, yaml, result) in cases)
        {
            var worker = GeneratedCode.Define(assembly, $"Random.Worker{seed}");
            Assert.True(result.ExpectedTree.DeepEquals(worker.CloudConfig),
                $"seed {seed}: the imported C# builds another tree.\ninput:\n{yaml}\nemitted:\n{worker.ToYaml()}\nsource:\n{result.Source}");
            Assert.Equal(CloudConfigYaml.Write(result.ExpectedTree), worker.ToYaml());
        }

        // The generator exercises the typed paths, not only the raw fallbacks.
        var sources = string.Join('\n', cases.Select(c => c.Result.Source));
        Assert.Contains("unit => unit", sources, StringComparison.Ordinal);
        Assert.Contains(".Node.Set(", sources, StringComparison.Ordinal);
    }

    private static (WorkerDefinition Worker, ImportResult Result) RoundTrip(string yaml, string name)
    {
        var result = CloudConfigImporter.Import(yaml, new ImportOptions { WorkerName = name, ClassName = "Imported", Namespace = "T", UnitBuilders = Builders });
        return (GeneratedCode.Define(GeneratedCode.Compile([result.Source], Deprecations), "T.Imported"), result);
    }

    private static void Rename(ConfigMapping mapping, string from, string to)
    {
        var entries = mapping.ToList();
        foreach (var (key, _) in entries)
        {
            mapping.Remove(key);
        }

        foreach (var (key, value) in entries)
        {
            mapping.Set(key == from ? to : key, value);
        }
    }
}

/// <summary>Random cloud-configs from the schema: every value type, units with known and unknown directives, odd text.</summary>
internal static class RandomConfig
{
    private static readonly string[] Words = ["alpha", "stable", "on", "yes", "0644", "true", "1.5", "~", "null", "a b", "x: y", "#hash", "ünïcode", "\"q\"", "-dash", "*"];

    private static readonly (string Section, string Key, string[] Values)[] Directives =
    [
        ("Unit", "Description", ["Demo service", "Uses %% signs", "Ünïcode"]),
        ("Unit", "After", ["network.target", "docker.service network.target"]),
        ("Unit", "Requires", ["docker.service"]),
        ("Unit", "ConditionPathExists", ["!/usr/.noupdate", "/etc/demo"]),
        ("Unit", "X-Custom", ["anything"]),
        ("Service", "Type", ["oneshot", "simple", "notify", "dbus"]),
        ("Service", "ExecStart", ["/usr/bin/true", "/bin/sh -c 'echo hi'", "-/usr/bin/maybe"]),
        ("Service", "Restart", ["always", "on-failure", "no"]),
        ("Service", "RestartSec", ["10s", "30", "1min 30s"]),
        ("Service", "RemainAfterExit", ["yes", "true", "no"]),
        ("Service", "CPUWeight", ["50", "100"]),
        ("Service", "MemoryMax", ["64M", "1G"]),
        ("Service", "Environment", ["A=1", "\"B=two words\""]),
        ("Service", "User", ["core"]),
        ("Install", "WantedBy", ["multi-user.target"]),
    ];

    public static ConfigMapping Create(Random random)
    {
        var root = new ConfigMapping();
        FillObject(random, root, "", depth: 0);
        if (random.Next(3) == 0)
        {
            root.Set("x_unknown_" + random.Next(100), Scalar(random));
        }

        var coreos = root.GetOrAddMapping("coreos");
        var units = coreos.GetOrAddSequence("units");
        for (var i = random.Next(1, 5); i > 0; i--)
        {
            units.Add(Unit(random, i));
        }

        return root;
    }

    private static void FillObject(Random random, ConfigMapping mapping, string parent, int depth)
    {
        foreach (var key in CloudConfigSchema.ChildrenOf(parent).Where(_ => random.Next(4) == 0))
        {
            if (key.Path is "coreos.units")
            {
                continue;
            }

            ConfigNode? value = key.Type switch
            {
                CloudConfigValueType.String when key.Enum is not null => ConfigScalar.String(EnumText(random, key)),
                CloudConfigValueType.String when key.Format == "url-list" => ConfigScalar.String(string.Join(", ", Enumerable.Range(0, random.Next(1, 4)).Select(i => $"http://h{i}.example.com:2379"))),
                CloudConfigValueType.String when key.Name == "metadata" => ConfigScalar.String("role=worker,zone=z" + random.Next(9)),
                CloudConfigValueType.String => Scalar(random),
                CloudConfigValueType.Bool => ConfigScalar.Bool(random.Next(2) == 0),
                CloudConfigValueType.Int => ConfigScalar.Int(random.Next(-5, 100000)),
                CloudConfigValueType.Float => ConfigScalar.Float(random.Next(0, 1000) / 8.0),
                CloudConfigValueType.StringList => new ConfigSequence(Enumerable.Range(0, random.Next(1, 3)).Select(_ => (ConfigNode)Scalar(random))),
                CloudConfigValueType.Object when depth < 3 => Object(random, key.Path, depth + 1),
                CloudConfigValueType.ObjectList when depth < 3 => new ConfigSequence(Enumerable.Range(0, random.Next(1, 3)).Select(_ => (ConfigNode)Object(random, key.Path + "[]", depth + 1))),
                _ => null,
            };
            if (value is not null)
            {
                mapping.Set(key.Name, value);
            }
        }
    }

    private static ConfigMapping Object(Random random, string path, int depth)
    {
        var mapping = new ConfigMapping();
        FillObject(random, mapping, path, depth);
        if (mapping.Count == 0 && CloudConfigSchema.ChildrenOf(path).FirstOrDefault(k => k.Type == CloudConfigValueType.String && k.Enum is null && k.Format is null) is { } first)
        {
            mapping.Set(first.Name, Scalar(random));
        }

        return mapping;
    }

    private static ConfigMapping Unit(Random random, int index)
    {
        var types = new[] { "service", "timer", "mount", "socket" };
        var type = types[random.Next(types.Length)];
        var name = type == "mount" ? "var-lib-demo" + index + ".mount" : $"demo-{index}.{type}";
        var item = new ConfigMapping();
        item.Set("name", ConfigScalar.String(name));
        if (random.Next(4) > 0)
        {
            item.Set("command", ConfigScalar.String(new[] { "start", "restart", "stop", "reload-or-restart" }[random.Next(4)]));
        }

        if (random.Next(5) > 0)
        {
            item.Set("content", ConfigScalar.String(UnitText(random, type)));
        }

        if (random.Next(4) == 0)
        {
            item.Set("enable", ConfigScalar.Bool(random.Next(2) == 0));
        }

        if (random.Next(6) == 0)
        {
            var dropIn = new ConfigMapping();
            dropIn.Set("name", ConfigScalar.String("10-extra.conf"));
            dropIn.Set("content", ConfigScalar.String("[Service]\nEnvironment=EXTRA=1\n"));
            item.Set("drop_ins", new ConfigSequence([dropIn]));
        }

        return item;
    }

    private static string UnitText(Random random, string type)
    {
        var text = new StringBuilder();
        if (random.Next(8) == 0)
        {
            text.Append("# hand-written\n");
        }

        var sections = type switch
        {
            "service" => new[] { "Unit", "Service", "Install" },
            "timer" => ["Unit", "Timer", "Install"],
            "mount" => ["Unit", "Mount"],
            _ => ["Unit", "Socket", "Install"],
        };
        foreach (var section in sections)
        {
            text.Append('[').Append(section).Append("]\n");
            var lines = section switch
            {
                "Timer" => [("Timer", "OnCalendar", new[] { "*-*-* 05:00:00", "daily" })],
                "Mount" => [("Mount", "What", new[] { "LABEL=DATA" }), ("Mount", "Where", ["/var/lib/demo"]), ("Mount", "Type", ["ext4"])],
                "Socket" => [("Socket", "ListenStream", new[] { "8080", "/run/demo.sock" })],
                _ => Directives.Where(d => d.Section == section).ToArray(),
            };
            foreach (var (_, key, values) in lines.Where(_ => random.Next(3) > 0 || section is "Mount"))
            {
                text.Append(key).Append('=').Append(values[random.Next(values.Length)]).Append('\n');
            }
        }

        return text.ToString();
    }

    private static ConfigScalar Scalar(Random random) => random.Next(6) switch
    {
        0 => ConfigScalar.String(Words[random.Next(Words.Length)] + "\n" + Words[random.Next(Words.Length)] + "\n"),
        1 => ConfigScalar.String("  indented\n\ttab\n"),
        _ => ConfigScalar.String(Words[random.Next(Words.Length)]),
    };

    private static string EnumText(Random random, CloudConfigKey key) => key.Enum switch
    {
        "RebootStrategy" => new[] { "etcd-lock", "reboot", "off" }[random.Next(3)],
        "Etcd2ProxyMode" => new[] { "on", "off", "readonly" }[random.Next(3)],
        "EtcHostsMode" => "localhost",
        "FileEncoding" => new[] { "base64", "gzip+base64" }[random.Next(2)],
        _ => "x",
    };
}
