using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Host.Tests;

/// <summary><c>validate FILE.json</c>: an Ignition config through the process boundary, located like the YAML findings.</summary>
public class ValidateIgnitionFileTests
{
    private readonly string folder = TestPaths.NewScratchDirectory("validate-ignition");

    [Fact]
    public void ACleanConfigIsOkWithItsVersion()
    {
        File.WriteAllText(Path.Combine(folder, "ok.ign"), """{"ignition":{"version":"3.3.0"},"storage":{"files":[{"path":"/etc/hostname","contents":{"source":"data:,web"}}]}}""");

        var result = Cli.Run(Cli.Fleet, folder, "validate", "ok.ign");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("ok.ign: ok (Ignition 3.3.0)\n", result.StandardOutput);
    }

    [Fact]
    public void AnErrorIsLocatedWithACaretAndAFix()
    {
        File.WriteAllText(Path.Combine(folder, "config.json"), """
            {
              "ignition": {"version": "3.3.0"},
              "storage": {"files": [{"path": "etc/motd"}]}
            }
            """);

        var result = Cli.Run(Cli.Fleet, folder, "validate", "config.json");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error[path]: $.storage.files.0.path: path not absolute; write \"/etc/motd\"", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(" --> config.json:3:34\n", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("  |                                  ^^^^^^^^^^\n", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void WarningsPassUnlessStrict()
    {
        // Detected by content: the file has no .json or .ign name.
        File.WriteAllText(Path.Combine(folder, "user-data"), """{"ignition":{"version":"3.3.0"},"systemd":{"untis":[]}}""");

        var plain = Cli.Run(Cli.Fleet, folder, "validate", "user-data");
        var strict = Cli.Run(Cli.Fleet, folder, "validate", "user-data", "--strict");

        Assert.Equal(0, plain.ExitCode);
        Assert.Contains("warning[unused-key]: $.systemd.untis: Unused key untis; did you mean \"units\"?", plain.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(1, strict.ExitCode);
    }

    [Fact]
    public void AnUnsupportedVersionNamesTheSupportedOnes()
    {
        File.WriteAllText(Path.Combine(folder, "v.json"), """{"ignition":{"version":"3.5.0"}}""");

        var result = Cli.Run(Cli.Fleet, folder, "validate", "v.json");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("unsupported config version; this validator reads 3.0.0, 3.1.0, 3.2.0, 3.3.0, 3.4.0-experimental and 3.4.0", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void UnitContentsGetTheAnalyzersRules()
    {
        File.WriteAllText(Path.Combine(folder, "units.json"), """
            {"ignition": {"version": "3.3.0"},
             "systemd": {"units": [{"name": "app.service", "enabled": true,
               "contents": "[Service]\nType=oneshot\nExecStart=/usr/bin/app\nRestart=always\n[Install]\nWantedBy=multi-user.target\n"}]}}
            """);

        var result = Cli.Run(Cli.Fleet, folder, "validate", "units.json", "--json");

        // ignition-validate accepts it; systemd refuses to load a oneshot service with Restart=always (CDSL226).
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("\"rule\": \"CDSL226\"", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("\"path\": \"$.systemd.units.0.contents\"", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigsThatFailAFlatcarBootAreErrorsAtTheirPlace()
    {
        // Both pass ignition-validate; Ignition's files stage fails on each (FlatcarBootFailures).
        File.WriteAllText(Path.Combine(folder, "boot.json"), """
            {"ignition": {"version": "3.3.0"},
             "storage": {"files": [
               {"path": "/etc/flatcar/update.conf", "contents": {"source": "data:,REBOOT_STRATEGY%3Doff%0A"}},
               {"path": "/etc/motd", "contents": {"compression": "gzip", "source": "data:,hello"}}]}}
            """);

        var result = Cli.Run(Cli.Fleet, folder, "validate", "boot.json");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error[overwrite]: $.storage.files.0: /etc/flatcar/update.conf exists on Flatcar before Ignition runs", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("add \"overwrite\": true", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(" --> boot.json:3:", result.StandardOutput, StringComparison.Ordinal); // at the file's contents, line 3
        Assert.Contains("error[gzip]: $.storage.files.1.contents.compression: compression is gzip, but the data URL's bytes are not gzip data", result.StandardOutput, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(folder, "fixed.json"), """
            {"ignition": {"version": "3.3.0"},
             "storage": {"files": [
               {"path": "/etc/flatcar/update.conf", "overwrite": true, "contents": {"source": "data:,REBOOT_STRATEGY%3Doff%0A"}},
               {"path": "/etc/motd", "contents": {"source": "data:,hello"}}]}}
            """);
        Assert.Equal(0, Cli.Run(Cli.Fleet, folder, "validate", "fixed.json").ExitCode);
    }
}
