using System.IO.Compression;
using System.Reflection;
using System.Text.Json.Nodes;
using CoreosDsl.Ignition;
using CoreosDsl.Ignition.Validation;
using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Host.Tests;

/// <summary>
/// <c>import</c> of Ignition configs and Butane files on real-world patterns (tests/TestData/ignition-import: files
/// written for this project, each naming its pattern and where it is common). Butane files come with what Butane
/// 0.19.0 wrote for them (<c>NAME.butane.ign</c>, recorded, since Butane is not a Debian package). Every file imports,
/// all of them compile together in one definitions project (source generator and analyzers), and each compiled worker
/// emits the input again: the same JSON for Ignition files; for Butane files what Butane wrote, data URLs compared by
/// their bytes (Butane gzips long contents with Go's compressor, whose bytes .NET's does not reproduce).
/// </summary>
public class IgnitionImportCorpusTests
{
    private static readonly string Corpus = Path.Combine(TestPaths.TestData, "ignition-import");

    private static readonly Lazy<(List<string> Files, List<IgnitionImportResult> Imports, Assembly Assembly)> Compiled = new(() =>
    {
        var files = Directory.GetFiles(Corpus).Where(f => f.EndsWith(".bu", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
        var imports = files.Select((file, i) => Import(file, i)).ToList();
        var assembly = GeneratedCode.Compile(imports.Select(i => i.Source), analyze: true);
        return (files, imports, assembly);
    });

    [Fact]
    public void ButaneFilesTranslateAsButaneDoes()
    {
        var failures = new List<string>();
        foreach (var file in Directory.GetFiles(Corpus, "*.bu").Order(StringComparer.Ordinal))
        {
            var translated = ButaneImport.Translate(File.ReadAllText(file), Corpus).Config;
            var butane = (JsonObject)JsonNode.Parse(File.ReadAllText(Path.ChangeExtension(file, ".butane.ign")))!;
            if (Normalized(translated) != Normalized(butane))
            {
                failures.Add($"{Path.GetFileName(file)}:\n ours:   {Normalized(translated)}\n Butane: {Normalized(butane)}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void EveryPatternImportsCompilesAndEmitsTheSameConfig()
    {
        var (files, imports, assembly) = Compiled.Value;
        Assert.True(files.Count(f => f.EndsWith(".bu", StringComparison.Ordinal)) >= 15);
        Assert.True(files.Count(f => f.EndsWith(".json", StringComparison.Ordinal)) >= 5);
        var failures = new List<string>();
        for (var i = 0; i < files.Count; i++)
        {
            var emitted = (JsonObject)JsonNode.Parse(GeneratedCode.Define(assembly, $"Corpus.Corpus{i}").ToIgnitionJson())!;
            var (expected, actual) = files[i].EndsWith(".bu", StringComparison.Ordinal)
                ? (Normalized((JsonObject)JsonNode.Parse(File.ReadAllText(Path.ChangeExtension(files[i], ".butane.ign")))!), Normalized(emitted))
                : (IgnitionJson.Canonical(WithoutLaterSpecKeys(File.ReadAllText(files[i]))), IgnitionJson.Canonical(emitted));
            if (expected != actual)
            {
                failures.Add($"{Path.GetFileName(files[i])}: emits another config:\n{actual}\nexpected\n{expected}\n--- source:\n{imports[i].Source}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    [Fact]
    [Trait("Category", "Oracle")]
    public void IgnitionValidateAcceptsWhatEveryImportEmits()
    {
        var (files, _, assembly) = Compiled.Value;
        var folder = TestPaths.NewScratchDirectory("ignition-import-validate");
        for (var i = 0; i < files.Count; i++)
        {
            var emitted = GeneratedCode.Define(assembly, $"Corpus.Corpus{i}").ToIgnitionJson();
            if ((string?)JsonNode.Parse(emitted)!["ignition"]!["version"] == "3.4.0")
            {
                // ignition-validate 2.14 does not read spec 3.4.0; IgnitionValidator reads it as 2.17 does (the
                // 3.4.0 differential corpus: 697 of 697 verdicts agree), and 2.17 accepted these inputs when recorded.
                Assert.True(IgnitionValidator.Validate(emitted).Verdict == "ok", $"{Path.GetFileName(files[i])}: {IgnitionValidator.Validate(emitted)}");
                continue;
            }

            var path = Path.Combine(folder, Path.GetFileNameWithoutExtension(files[i]) + ".ign");
            File.WriteAllText(path, emitted);
            var result = ExternalTool.Run("ignition-validate", [path]);
            // The one warning expected is the input's own: a sticky directory in spec 3.3.0 (kept raw, as written).
            var expected = files[i].EndsWith("33-compressed-remote-and-odd-values.json", StringComparison.Ordinal)
                ? "setuid/setgid/sticky bits are not supported in spec versions older than 3.4.0"
                : null;
            Assert.True(result.ExitCode == 0, $"{Path.GetFileName(files[i])}: ignition-validate exited {result.ExitCode}: {result.Output}");
            Assert.True(expected is null ? result.Output.Trim().Length == 0 : result.Output.Contains(expected, StringComparison.Ordinal),
                $"{Path.GetFileName(files[i])}: {result.Output}");
        }
    }

    [Fact]
    public void ValuesTheBuildersRefuseAreKeptRawAndListedForReview()
    {
        var import = Compiled.Value.Imports[Compiled.Value.Files.FindIndex(f => f.EndsWith("33-compressed-remote-and-odd-values.json", StringComparison.Ordinal))];

        Assert.Contains(import.Notes, n => n.StartsWith("storage.directories[/var/tmp/shared].mode: kept as a raw node, because the builders refuse it: ", StringComparison.Ordinal)
            && n.Contains("setuid", StringComparison.Ordinal));
        Assert.Contains("directory.Node[\"mode\"] = (JsonNode)1023", import.Source, StringComparison.Ordinal);
        Assert.Contains("// Review:", import.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void ASpec340ConfigImportsAsAWorkerThatSelectsIt()
    {
        var (files, imports, _) = Compiled.Value;
        var source = imports[files.FindIndex(f => f.EndsWith("36-spec-3-4-0-luks-discard-arn.json", StringComparison.Ordinal))].Source;

        Assert.Contains(".WithIgnitionSpec(IgnitionSpecVersion.V3_4_0)", source, StringComparison.Ordinal);
        Assert.Contains(".Discard()", source, StringComparison.Ordinal);
        Assert.Contains(".OpenOptions(", source, StringComparison.Ordinal);
        Assert.Contains(".Advertisement(", source, StringComparison.Ordinal);
        Assert.DoesNotContain("Review:", source, StringComparison.Ordinal);
    }

    [Fact]
    public void Flatcar110KeysAreRefusedIn100AndLocalUnitSourcesAreExclusive()
    {
        const string Luks = "storage:\n  luks:\n    - name: data\n      device: /dev/sdb\n      discard: true\n";
        var old = ButaneImport.Translate("variant: flatcar\nversion: 1.0.0\n" + Luks, Corpus);
        Assert.Contains(old.Notes, n => n.StartsWith("storage.luks[0].discard: not a key of Butane's flatcar 1.0.0 spec", StringComparison.Ordinal));
        Assert.Null(old.Config["storage"]!["luks"]![0]!["discard"]);
        Assert.Equal("3.3.0", (string?)old.Config["ignition"]!["version"]);

        var current = ButaneImport.Translate("variant: flatcar\nversion: 1.1.0\n" + Luks, Corpus);
        Assert.True((bool)current.Config["storage"]!["luks"]![0]!["discard"]!);
        Assert.Equal("3.4.0", (string?)current.Config["ignition"]!["version"]);

        var both = Assert.Throws<ButaneException>(() => ButaneImport.Translate(
            "variant: flatcar\nversion: 1.1.0\nsystemd:\n  units:\n    - name: a.service\n      contents: \"[Service]\\nExecStart=/bin/true\\n\"\n      contents_local: files/units/node-exporter.service\n", Corpus));
        Assert.Contains("systemd.units[0].contents_local: give contents or contents_local, not both", both.Message, StringComparison.Ordinal);

        var later = Assert.Throws<ButaneException>(() => ButaneImport.Translate("variant: flatcar\nversion: 1.2.0-experimental\n", Corpus));
        Assert.Contains("import reads Butane's flatcar variant 1.0.0 (Ignition spec 3.3.0) and 1.1.0 (spec 3.4.0)", later.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ButaneSugarStaysReadable()
    {
        var (files, imports, _) = Compiled.Value;
        string SourceOf(string name) => imports[files.FindIndex(f => f.EndsWith(name, StringComparison.Ordinal))].Source;

        Assert.Contains(".Inline(\"node-01\")", SourceOf("01-core-ssh-hostname.bu"), StringComparison.Ordinal);
        Assert.Contains(".Mode(\"0644\")", SourceOf("01-core-ssh-hostname.bu"), StringComparison.Ordinal);
        Assert.Contains(".Local(", SourceOf("13-local-contents.bu"), StringComparison.Ordinal);
        Assert.Contains(".Remote(new Uri(\"https://dl.k8s.example.com/", SourceOf("06-kubelet-unit-remote-binary.bu"), StringComparison.Ordinal);
        Assert.Contains(".Mask()", SourceOf("03-masked-and-enabled-stock-units.bu"), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryFileSaysWhichPublicPatternItStandsFor()
    {
        foreach (var file in Directory.GetFiles(Corpus, "*.bu"))
        {
            var lines = File.ReadAllLines(file);
            Assert.True(lines[0].StartsWith("# Pattern: ", StringComparison.Ordinal), file);
            Assert.Contains(lines.TakeWhile(l => l.StartsWith('#')), l => l.StartsWith("# Common in: ", StringComparison.Ordinal));
            Assert.True(File.Exists(Path.ChangeExtension(file, ".butane.ign")), $"{file}: record what Butane writes for it");
        }

        // JSON has no comments: the README's table names each file's pattern.
        var readme = File.ReadAllText(Path.Combine(Corpus, "README.md"));
        foreach (var file in Directory.GetFiles(Corpus, "*.json"))
        {
            Assert.Contains($"`{Path.GetFileName(file)}`", readme, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheCommandImportsAButaneFileWithItsLocalFiles()
    {
        var folder = TestPaths.NewScratchDirectory("import-butane");
        Directory.CreateDirectory(Path.Combine(folder, "files"));
        File.Copy(Path.Combine(Corpus, "13-local-contents.bu"), Path.Combine(folder, "node.bu"));
        File.Copy(Path.Combine(Corpus, "files", "setup-node.sh"), Path.Combine(folder, "files", "setup-node.sh"));
        File.Copy(Path.Combine(Corpus, "files", "10-static.network"), Path.Combine(folder, "files", "10-static.network"));

        var result = Cli.Run(Cli.LocalWorkers, folder, "import", "node.bu", "--out", "Node.cs");

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Contains("wrote ", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("contents.Local(\"files/setup-node.sh\")", File.ReadAllText(Path.Combine(folder, "Node.cs")), StringComparison.Ordinal);
    }

    [Fact]
    public void AnIgnitionConfigIgnitionRefusesIsNotImported()
    {
        var folder = TestPaths.NewScratchDirectory("import-ignition-bad");
        File.WriteAllText(Path.Combine(folder, "bad.json"), """{"ignition":{"version":"3.3.0"},"storage":{"files":[{"path":"etc/x"}]}}""");

        var result = Cli.Run(Cli.LocalWorkers, folder, "import", "bad.json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("bad.json: Ignition would refuse this config", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("path not absolute", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void WhatButaneWroteImportsAsIgnitionJsonAndEmitsItAgain()
    {
        // The .ign files Butane writes are the Ignition configs people deploy (and later import): gzip'd data URLs,
        // "compression": "", generated mount units. Each must import and emit the same JSON, key for key.
        var files = Directory.GetFiles(Corpus, "*.butane.ign").Order(StringComparer.Ordinal).ToList();
        var imports = files.Select((file, i) => IgnitionImporter.Import((JsonObject)JsonNode.Parse(File.ReadAllText(file))!,
            new ImportOptions { WorkerName = $"butane-{i}", ClassName = $"Butane{i}", Namespace = "ButaneOut", SourceName = Path.GetFileName(file) })).ToList();
        var assembly = GeneratedCode.Compile(imports.Select(i => i.Source), analyze: false);
        var failures = new List<string>();
        for (var i = 0; i < files.Count; i++)
        {
            var emitted = GeneratedCode.Define(assembly, $"ButaneOut.Butane{i}").ToIgnitionJson();
            var expected = IgnitionJson.Canonical(WithoutLaterSpecKeys(File.ReadAllText(files[i])));
            if (IgnitionJson.Canonical(JsonNode.Parse(emitted)) != expected)
            {
                failures.Add($"{Path.GetFileName(files[i])}: emits\n{IgnitionJson.Canonical(JsonNode.Parse(emitted))}\nexpected\n{expected}");
            }
        }

        Assert.True(files.Count >= 30);
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    [Fact]
    public void KeysOfALaterSpecAreLeftOutAsIgnitionIgnoresThem()
    {
        var (files, imports, _) = Compiled.Value;
        var file = files.FindIndex(f => f.EndsWith("39-terraform-ignition-provider-empties.json", StringComparison.Ordinal));

        // ignition-validate 2.14 (recorded): "warning at $.kernelArguments, line 1 col 121: Unused key kernelArguments".
        Assert.Contains(IgnitionValidator.Validate(File.ReadAllBytes(files[file])).Entries, e => e.JsonPath == "$.kernelArguments" && e.Rule == "unused-key");
        Assert.Contains(imports[file].Notes, n => n.StartsWith("$.kernelArguments: a key of Ignition spec 3.3.0, which a 3.1.0 config does not have", StringComparison.Ordinal));
        Assert.Null(imports[file].Expected["kernelArguments"]);
        Assert.DoesNotContain("KernelArguments(", imports[file].Source, StringComparison.Ordinal);
        Assert.DoesNotContain("Node[\"kernelArguments\"]", imports[file].Source, StringComparison.Ordinal);
    }

    /// <summary>The config without the keys of a later spec than its own (Ignition ignores them; the import leaves them out).</summary>
    private static JsonNode WithoutLaterSpecKeys(string json)
    {
        var config = (JsonObject)JsonNode.Parse(json)!;
        foreach (var problem in IgnitionSpecCheck.Check(config).Reverse())
        {
            IgnitionImporter.RemovePath(config, problem.Path);
        }

        return config;
    }

    private static IgnitionImportResult Import(string file, int index)
    {
        var options = new ImportOptions { WorkerName = $"corpus-{index}", ClassName = $"Corpus{index}", Namespace = "Corpus", SourceName = Path.GetFileName(file) };
        if (file.EndsWith(".bu", StringComparison.Ordinal))
        {
            var translation = ButaneImport.Translate(File.ReadAllText(file), Corpus);
            return IgnitionImporter.Import(translation.Config, options, translation.LocalFiles, "Butane config");
        }

        Assert.False(IgnitionValidator.Validate(File.ReadAllBytes(file)).HasErrors, file);
        return IgnitionImporter.Import((JsonObject)JsonNode.Parse(File.ReadAllText(file))!, options);
    }

    /// <summary>
    /// The config with every data URL replaced by its bytes (decompressed when the resource says gzip) and an empty
    /// <c>compression</c> dropped: what Ignition writes to disk is the same.
    /// </summary>
    private static string Normalized(JsonObject config)
    {
        var copy = (JsonObject)config.DeepClone();
        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    if (obj["source"] is JsonValue v && v.TryGetValue<string>(out var source) && DataUrl.TryDecode(source) is { } bytes)
                    {
                        var gzip = obj["compression"] is JsonValue c && c.GetValue<string>() == "gzip";
                        obj["source"] = "bytes:" + Convert.ToBase64String(gzip ? Gunzip(bytes) : bytes);
                        if (gzip || obj["compression"] is JsonValue { } empty && empty.GetValue<string>() == "")
                        {
                            obj.Remove("compression");
                        }
                    }

                    foreach (var (_, child) in obj)
                    {
                        Walk(child);
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        Walk(item);
                    }

                    break;
            }
        }

        Walk(copy);
        return IgnitionJson.Canonical(copy);
    }

    private static byte[] Gunzip(byte[] data)
    {
        using var input = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
