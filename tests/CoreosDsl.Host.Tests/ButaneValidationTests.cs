using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Host.Tests;

/// <summary>
/// <c>validate FILE.bu</c> against Butane's recorded verdicts (tests/TestData/butane-validate: cases written for this
/// project, verdicts of Butane and ignition-validate recorded as data): what Butane refuses is an error, what it warns
/// about a warning, what it passes passes; <c>--strict</c> fails where <c>butane --strict</c> does. The intended
/// differences are the README's.
/// </summary>
public class ButaneValidationTests
{
    private static readonly string Folder = Path.Combine(TestPaths.TestData, "butane-validate");
    private static readonly string Cases = Path.Combine(Folder, "cases");

    /// <summary>Cases where <c>validate</c> is meant to differ from Butane, with the verdict it gives (README.md).</summary>
    private static readonly Dictionary<string, string> Intended = new(StringComparer.Ordinal)
    {
        ["22-inline-gzip.bu"] = "error", // the real Ignition fails the boot on it
        ["63-fcos.bu"] = "error", // only the flatcar variant is read
    };

    public static TheoryData<string, string, string> Verdicts()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var row in File.ReadAllLines(Path.Combine(Folder, "verdicts.tsv")).Skip(1).Select(l => l.Split('\t')))
        {
            data.Add(row[0], row[1], row[2]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Verdicts))]
    public void VerdictIsButanes(string file, string butane, string butaneStrict)
    {
        var result = ButaneValidation.Validate(File.ReadAllText(Path.Combine(Cases, file)), Cases);
        var expected = Intended.GetValueOrDefault(file, butane);
        var strict = result.Verdict == "ok" ? "ok" : "error";

        Assert.True(result.Verdict == expected, $"{file}: validate says {result.Verdict}, expected {expected}: {result.Refusal}{result.Report}");
        Assert.True(Intended.ContainsKey(file) || strict == butaneStrict, $"{file}: with --strict validate says {strict}, butane --strict {butaneStrict}");
    }

    [Fact]
    public void EveryCaseHasAVerdictAndAgreementIsWhole()
    {
        var rows = File.ReadAllLines(Path.Combine(Folder, "verdicts.tsv")).Skip(1).Select(l => l.Split('\t')[0]).ToHashSet();
        Assert.Equal(Directory.GetFiles(Cases, "*.bu").Select(Path.GetFileName).Order(), rows.Order());
        Assert.True(rows.Count >= 40);
        Assert.All(Intended.Keys, k => Assert.Contains(k, rows));
    }

    [Fact]
    public void YamlOneOneBooleansReadAsButaneReadsThem()
    {
        string Enabled(string value) => $"variant: flatcar\nversion: 1.0.0\nsystemd:\n  units:\n    - name: docker.service\n      enabled: {value}\n";

        foreach (var (value, expected) in new[] { ("yes", true), ("\"off\"", false), ("N", false), ("ON", true), ("True", true) })
        {
            Assert.Equal(expected, (bool)ButaneImport.Translate(Enabled(value), Cases).Config["systemd"]!["units"]![0]!["enabled"]!);
        }

        var quotedTrue = Assert.Throws<ButaneException>(() => ButaneImport.Translate(Enabled("\"true\""), Cases));
        Assert.Contains("systemd.units[0].enabled: Butane reads true or false (or yes/no, on/off, y/n) here, not 'true'", quotedTrue.Message, StringComparison.Ordinal);
        Assert.Throws<ButaneException>(() => ButaneImport.Translate(Enabled("oN"), Cases));
    }

    [Fact]
    public void AModeWrittenInDecimalGetsButanesWarningAndNumbersDecodeAsYamlV3Does()
    {
        var result = ButaneValidation.Validate(File.ReadAllText(Path.Combine(Cases, "89-decimal-644.bu")), Cases);
        Assert.Contains(result.Report!.Entries, e => e.Rule == "butane" && e.JsonPath == "storage.files[0].mode"
            && e.Message.Contains("unreasonable mode would be reasonable if specified in octal", StringComparison.Ordinal) && e.Message.EndsWith("write mode: 0644", StringComparison.Ordinal));
        Assert.Contains(result.Report.Entries, e => e.JsonPath == "storage.directories[0].mode" && e.Message.StartsWith("755 is an unusual mode", StringComparison.Ordinal));

        string Mode(string value) => $"variant: flatcar\nversion: 1.0.0\nstorage:\n  files:\n    - path: /etc/a\n      mode: {value}\n";
        foreach (var (value, expected) in new[] { ("0644", 420L), ("0644.0", 644L), ("0999", 999L), ("420.7", 420L), ("0x1a4", 420L), ("1_000", 1000L) })
        {
            var translation = ButaneImport.Translate(Mode(value), Cases);
            Assert.Equal(expected, (long)translation.Config["storage"]!["files"]![0]!["mode"]!);
            Assert.Equal(value is "0644.0", translation.Warnings.Any(w => w.Contains("remember to add a leading zero", StringComparison.Ordinal)));
        }

        var quotedUid = Assert.Throws<ButaneException>(() => ButaneImport.Translate("variant: flatcar\nversion: 1.0.0\npasswd:\n  users:\n    - name: core\n      uid: \"500\"\n", Cases));
        Assert.Contains("passwd.users[0].uid: Butane reads an integer here, not '500'", quotedUid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheCommandChecksAButaneFile()
    {
        var folder = TestPaths.NewScratchDirectory("validate-butane");
        File.Copy(Path.Combine(Cases, "52-autologin.bu"), Path.Combine(folder, "node.bu"));
        File.Copy(Path.Combine(Cases, "62-typo-key.bu"), Path.Combine(folder, "typo.bu"));
        File.Copy(Path.Combine(Cases, "02-relative.bu"), Path.Combine(folder, "bad.bu"));

        var ok = Cli.Run(Cli.LocalWorkers, folder, "validate", "node.bu");
        var typo = Cli.Run(Cli.LocalWorkers, folder, "validate", "typo.bu");
        var typoStrict = Cli.Run(Cli.LocalWorkers, folder, "validate", "typo.bu", "--strict");
        var bad = Cli.Run(Cli.LocalWorkers, folder, "validate", "bad.bu", "--json");

        Assert.True(ok.ExitCode == 0, ok.StandardOutput + ok.StandardError);
        Assert.Contains("node.bu: ok (Butane, Ignition 3.3.0)", ok.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(0, typo.ExitCode);
        Assert.Contains("warning[unused-key]: systemd.units[0].enable: not a key of Butane's flatcar 1.0.0 spec", typo.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(1, typoStrict.ExitCode);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("\"kind\": \"Butane\"", bad.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("path not absolute", bad.StandardOutput, StringComparison.Ordinal);
    }
}
