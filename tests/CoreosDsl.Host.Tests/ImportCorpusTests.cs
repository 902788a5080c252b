using CoreosDsl.CloudConfig;
using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Host.Tests;

/// <summary>
/// <c>import</c> on real-world patterns (tests/TestData/import-corpus: one file per pattern found in public
/// cloud-configs, written for this project, each naming its pattern and where it is common): every file imports,
/// all of them compile together in one definitions project (source generator and analyzers), and each compiled
/// worker emits the input's tree again, dash-form keys read as their underscore names.
/// </summary>
public class ImportCorpusTests
{
    private static readonly System.Reflection.Assembly Builders = typeof(Fleet.FleetWorkers).Assembly;

    private static readonly string Corpus = Path.Combine(TestPaths.TestData, "import-corpus");

    /// <summary>
    /// Files whose import does not yet build with the analyzers, and why: not yet done, listed so that it is seen.
    /// Each still imports, compiles without the analyzers and round-trips.
    /// </summary>
    private static readonly Dictionary<string, string> NotYetClean = new(StringComparer.Ordinal)
    {
        ["06-mustache-placeholders.yml"] = "CDSL212: a {{VM_NAME}} placeholder is not a host name; import writes it as a typed call instead of a raw form the analyzers skip",
        ["08-heat-percent-placeholders.yml"] = "CDSL210/211/212: %placeholders% are not a key, URL or host name; same as above",
        ["27-fleet-metadata.yml"] = "CDSL211: import passes the comma-joined etcd_servers string as one URL argument instead of one per URL",
    };

    [Fact]
    public void EveryPatternImportsCompilesAndEmitsTheSameTree()
    {
        var files = Directory.GetFiles(Corpus, "*.yml").Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 30, $"the corpus has {files.Count} files");
        var imports = files.Select((file, i) => CloudConfigImporter.Import(File.ReadAllText(file), new ImportOptions
        {
            WorkerName = $"corpus-{i}",
            ClassName = $"Corpus{i}",
            Namespace = "Corpus",
            SourceName = Path.GetFileName(file),
            UnitBuilders = Builders,
        })).ToList();

        // One project, as a user migrating a whole site would have it, built with the analyzers. Expected warnings:
        // deprecations (CDSL1xx) and units Flatcar no longer ships (CDSL229: etcd, etcd2, fleet of CoreOS-era configs).
        var names = files.Select(Path.GetFileName).ToList();
        var clean = Enumerable.Range(0, files.Count).Where(i => !NotYetClean.ContainsKey(names[i]!)).ToList();
        var known = Enumerable.Range(0, files.Count).Where(i => NotYetClean.ContainsKey(names[i]!)).ToList();
        Assert.Equal(NotYetClean.Keys.Order(StringComparer.Ordinal), known.Select(i => names[i]!));
        var analyzed = GeneratedCode.Compile(clean.Select(i => imports[i].Source), analyze: true, "CDSL1*", "CDSL229");

        // The known ones still compile without the analyzers and round-trip; with them they still fail (remove a
        // file from the list when its cause is fixed, and this fails until you do).
        var unanalyzed = GeneratedCode.Compile(known.Select(i => imports[i].Source), "CDSL1*");
        foreach (var i in known)
        {
            // Each one still fails, with the rule its reason names.
            var reason = NotYetClean[names[i]!];
            var failure = Record.Exception(() => GeneratedCode.Compile([imports[i].Source], analyze: true, "CDSL1*", "CDSL229"));
            Assert.True(failure is Xunit.Sdk.XunitException, $"{names[i]} now builds with the analyzers: remove it from NotYetClean");
            Assert.True(failure.Message.Contains(reason[..7], StringComparison.Ordinal), $"{names[i]}: expected {reason[..7]}, got {failure.Message}");
        }

        var assembly = (int i) => clean.Contains(i) ? analyzed : unanalyzed;

        var failures = new List<string>();
        for (var i = 0; i < files.Count; i++)
        {
            var expected = Underscored(CloudConfigYaml.Read(File.ReadAllText(files[i]), CloudConfigDialect.Flatcar));
            var worker = GeneratedCode.Define(assembly(i), $"Corpus.Corpus{i}");
            var emitted = CloudConfigYaml.Read(worker.ToYaml(), CloudConfigDialect.Flatcar);
            if (!expected.DeepEquals(emitted))
            {
                failures.Add($"{Path.GetFileName(files[i])}: emits another tree:\n{worker.ToYaml()}\n--- source:\n{imports[i].Source}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    [Fact]
    public void TheAnalyzersRunInThatCompile()
    {
        // Otherwise "compiles" above would prove less than a definitions project's build does.
        const string bad = """
            using CoreosDsl;
            using CoreosDsl.CloudConfig;
            using CoreosDsl.Systemd;

            public static class Bad
            {
                public static WorkerDefinition Define() => Worker.Define("bad", w => w.Coreos(c => c.Units(units => units
                    .Existing("docker.service", UnitCommand.Start))));
            }
            """;
        GeneratedCode.Compile([bad], analyze: true);
        var e = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => GeneratedCode.Compile([bad.Replace("docker.service", "docker.servce", StringComparison.Ordinal)], analyze: true));
        Assert.Contains("CDSL", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryFileSaysWhichPublicPatternItStandsFor()
    {
        foreach (var file in Directory.GetFiles(Corpus, "*.yml"))
        {
            var lines = File.ReadAllLines(file);
            Assert.True(lines[0] == "#cloud-config", file);
            Assert.True(lines[1].StartsWith("# Pattern: ", StringComparison.Ordinal), file);
            Assert.Contains(lines.TakeWhile(l => l.StartsWith('#')), l => l.Contains("Common", StringComparison.Ordinal) || l.Contains("Seen in", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void AnIndentedHeaderIsRefusedAsCoreosCloudinitDoes()
    {
        var folder = TestPaths.NewScratchDirectory("import-header");
        File.WriteAllText(Path.Combine(folder, "indented.yml"), "  #cloud-config\nhostname: x\n");
        var result = Cli.Run(Cli.LocalWorkers, folder, "import", "indented.yml");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: indented.yml:1: the #cloud-config header is indented; coreos-cloudinit takes user-data as a cloud-config only when " +
            "its first line is the header, so it would not apply this file: remove the white space before it\n", result.StandardError);
        Assert.Equal("", result.StandardOutput);

        File.WriteAllText(Path.Combine(folder, "trailing.yml"), "#cloud-config  \r\nhostname: x\n");
        Assert.Equal(0, Cli.Run(Cli.LocalWorkers, folder, "import", "trailing.yml").ExitCode);
    }

    /// <summary>The tree with every dash-form key written with underscores, as import writes them.</summary>
    private static ConfigMapping Underscored(ConfigMapping input)
    {
        var copy = new ConfigMapping();
        foreach (var (key, value) in input)
        {
            copy.Set(key.Replace('-', '_'), Underscored(value));
        }

        return copy;
    }

    private static ConfigNode Underscored(ConfigNode node) => node switch
    {
        ConfigMapping m => Underscored(m),
        ConfigSequence s => new ConfigSequence(s.Select(Underscored)),
        _ => node,
    };
}
