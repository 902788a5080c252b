using System.IO.Compression;
using System.Text;
using CoreosDsl.CloudConfig.Validation;
using CoreosDsl.Tests.Shared;

namespace CoreosDsl.CloudConfig.Tests;

/// <summary>
/// Expected entries are coreos-cloudinit's own: the reference's trigger examples, and outputs of its validator
/// (coreos f1f0405 and flatcar 8df59e8, built from source) on the same inputs, compared as sets because its order
/// within a rule follows Go's random map order.
/// </summary>
public sealed class ValidatorTests
{
    private const CloudConfigDialect CoreOS = CloudConfigDialect.CoreOS;
    private const CloudConfigDialect Flatcar = CloudConfigDialect.Flatcar;

    public static TheoryData<string, string, string[]> BothDialects => new()
    {
        // Reference trigger examples (with the header line, so lines are one more than the bare bodies').
        { "checkDiscoveryUrl", "coreos:\n  etcd:\n    discovery: disco", ["line 4: warning: discovery URL is not valid", "line 3: warning: deprecated key \"etcd\" (etcd is no longer shipped in Container Linux)"] },
        { "checkEncoding", "write_files:\n  - encoding: base64\n    content: !!binary aGVsbG8K", ["line 4: error: content cannot be decoded as \"base64\""] },
        { "unrecognized", "test: 1", ["line 2: warning: unrecognized key \"test\""] },
        { "unrecognized nested", "coreos:\n  flannel:\n    bad: 1", ["line 4: warning: unrecognized key \"bad\""] },
        { "deprecated", "coreos:\n  etcd:\n    proxy: hi", ["line 3: warning: deprecated key \"etcd\" (etcd is no longer shipped in Container Linux)", "line 4: warning: deprecated key \"proxy\" (etcd2 options no longer work for etcd)"] },
        { "checkValidity", "coreos:\n  units:\n    - command: lol", ["line 4: error: invalid value lol"] },
        { "checkValidity bool text", "coreos:\n  update:\n    reboot_strategy: false", ["line 4: error: invalid value false"] },
        { "checkValidity off stays off", "coreos:\n  update:\n    reboot_strategy: off", [] },
        { "checkWriteFiles", "write_files:\n  - path: /usr/invalid", ["line 3: error: file cannot be written to a read-only filesystem"] },
        { "checkWriteFilesUnderCoreos", "coreos:\n  write_files:\n    - path: /hi", ["line 3: warning: unrecognized key \"write_files\"", "line 3: info: write_files doesn't belong under coreos"] },
        { "null value", "coreos:", ["line 2: warning: incorrect type for \"coreos\" (want struct)"] },
        { "yaml syntax", "a:\na", ["line 3: error: could not find expected ':'", "line 0: warning: incorrect type for \"\" (want struct)"] },
        { "yaml syntax after comment", "#hello\na:\na", ["line 4: error: could not find expected ':'", "line 0: warning: incorrect type for \"\" (want struct)"] },
        { "paths", "write_files:\n  - path: /usr\n  - path: /usrlocal/x\n  - path: usr/x\n  - path: /opt/../usr/share/x\n  - path: /usr/x/../../etc/a", ["line 4: error: file cannot be written to a read-only filesystem", "line 6: error: file cannot be written to a read-only filesystem"] },
        { "encodings", "write_files:\n  - path: /etc/x\n    encoding: b64\n    content: aGVsbG8K\n  - path: /etc/y\n    encoding: b64\n    content: not base64!\n  - path: /etc/z\n    encoding: gz+b64\n    content: aGVsbG8K\n  - path: /etc/w\n    encoding: gzip+base64\n    content: H4sIAAAAAAAAA8tIzcnJBwCGphA2BgAAAA==", ["line 8: error: content cannot be decoded as \"b64\"", "line 11: error: content cannot be decoded as \"gz+b64\""] },
        { "missing content", "write_files:\n  - encoding: base64\n  - encoding: base64\n    content:\n  - encoding: \"\"\n    content: x", ["line 0: error: content cannot be decoded as \"base64\"", "line 5: error: content cannot be decoded as \"base64\"", "line 5: warning: incorrect type for \"content\" (want string)"] },
        { "locksmith patterns", "coreos:\n  locksmith:\n    window_start: \"Someday 04:00\"\n    window_length: 1 hour", ["line 4: error: invalid value Someday 04:00", "line 5: error: invalid value 1 hour"] },
        { "locksmith valid", "coreos:\n  locksmith:\n    window_start: Thu 04:00\n    window_length: 1h\n  etcd2:\n    proxy: on\n  etcd:\n    discovery: https://discovery.etcd.io/abc", ["line 6: warning: deprecated key \"etcd2\" (etcd2 is no longer shipped in Container Linux)", "line 8: warning: deprecated key \"etcd\" (etcd is no longer shipped in Container Linux)"] },
        { "quoted key not found", "\"coreos\":\n  update:\n    group: alpha\n    server: 5", [] },
        { "flow style: keys not found, line 0", "coreos: {units: [{name: a, command: bad}]}", ["line 0: error: invalid value bad"] },
        { "text search finds content", "coreos:\n  units:\n    - name: a\n      command: start\n      content: \"name: fake\"\n    - name: b\n      command: nope", ["line 8: error: invalid value nope"] },
        { "discovery bad port", "coreos:\n  etcd:\n    discovery: http://host:port/x", ["line 4: warning: discovery URL is not valid", "line 3: warning: deprecated key \"etcd\" (etcd is no longer shipped in Container Linux)"] },
        { "permissions", "write_files:\n  - path: /etc/a\n    permissions: 0644\n  - permissions: 0o644", ["line 5: error: invalid value 0o644"] },
        { "clean document", "hostname: x\nssh_authorized_keys:\n  - ssh-rsa AAA", [] },
    };

    [Theory]
    [MemberData(nameof(BothDialects))]
    public void Rules_match_coreos_cloudinit_on_CoreOS(string name, string body, string[] expected) =>
        AssertEntries(name, "#cloud-config\n" + body + "\n", CoreOS, expected);

    [Theory]
    [MemberData(nameof(BothDialects))]
    public void Rules_match_coreos_cloudinit_on_Flatcar(string name, string body, string[] expected) =>
        AssertEntries(name, "#cloud-config\n" + body + "\n", Flatcar, expected);

    [Theory]
    [InlineData("coreos:\n  units:\n    - enable: 4", CloudConfigDialect.CoreOS, "line 4: warning: incorrect type for \"enable\" (want bool)")]
    [InlineData("coreos:\n  units:\n    - enable: 4", CloudConfigDialect.Flatcar, "line 4: error: Flatcar rejects the whole user-data: cannot unmarshal !!int `4` into bool")]
    [InlineData("users:\n  - name: a\n    groups: x", CloudConfigDialect.Flatcar, "line 4: error: Flatcar rejects the whole user-data: cannot unmarshal !!str `x` into []string")]
    [InlineData("coreos:\n  units:\n    - name: a\n      enable: yes", CloudConfigDialect.CoreOS, null)]
    [InlineData("coreos:\n  units:\n    - name: a\n      enable: yes", CloudConfigDialect.Flatcar, "line 5: warning: incorrect type for \"enable\" (want bool)")]
    [InlineData("users:\n  - bob", CloudConfigDialect.CoreOS, "line 3: warning: incorrect type for \"users[0]\" (want struct)")]
    [InlineData("users:\n  - bob", CloudConfigDialect.Flatcar, "line 3: error: Flatcar rejects the whole user-data: cannot unmarshal !!str `bob` into config.User")]
    [InlineData("coreos:\n  etcd:\n    discovery: http://[::1]:4001/x\n  units: {}", CloudConfigDialect.CoreOS, "line 3: warning: deprecated key \"etcd\" (etcd is no longer shipped in Container Linux)|line 5: warning: incorrect type for \"units\" (want []struct)")]
    [InlineData("coreos:\n  etcd:\n    discovery: http://[::1]:4001/x\n  units: {}", CloudConfigDialect.Flatcar, "line 5: error: Flatcar rejects the whole user-data: cannot unmarshal !!map into []config.Unit")]
    [InlineData("hostname: 2020-01-01", CloudConfigDialect.Flatcar, "line 2: warning: incorrect type for \"hostname\" (want string)")]
    [InlineData("a: 1\na: 2", CloudConfigDialect.CoreOS, "line 2: warning: unrecognized key \"a\"")]
    [InlineData("a: 1\na: 2", CloudConfigDialect.Flatcar, "line 3: error: couldn't parse yaml error (mapping key \"a\" already defined at line 2)")]
    [InlineData("- a", CloudConfigDialect.CoreOS, null)]
    [InlineData("- a", CloudConfigDialect.Flatcar, "line 2: error: couldn't parse yaml error (the document is a sequence, not a mapping of keys)")]
    [InlineData("write-files:\n  - path: /usr/x\n    permissions: 999", CloudConfigDialect.CoreOS, "line 3: error: file cannot be written to a read-only filesystem|line 4: error: invalid value 999")]
    [InlineData("write-files:\n  - path: /usr/x\n    permissions: 999", CloudConfigDialect.Flatcar, "line 4: error: invalid value 999|line 3: error: file cannot be written to a read-only filesystem|line 2: warning: `write-files`: Flatcar ignores dash-form keys; write `write_files` (CoreosDsl check; Flatcar 3975.2.0 and later)")]
    public void Dialects_differ_where_their_YAML_libraries_do(string body, CloudConfigDialect dialect, string? expected) =>
        AssertEntries(body, "#cloud-config\n" + body + "\n", dialect, expected?.Split('|') ?? []);

    [Fact]
    public void Seed_on_CoreOS_warns_about_fleet_and_rejects_best_effort()
    {
        var report = CloudConfigValidator.Validate(File.ReadAllBytes(SeedPath), CoreOS);
        Assert.Equal(
            ["line 4: warning: deprecated key \"fleet\" (fleet is no longer shipped in Container Linux)", "line 9: error: invalid value best-effort"],
            report.Entries.Select(e => e.ToString()));
        Assert.Equal([ValidationRuleIds.DeprecatedKey, ValidationRuleIds.InvalidValue], report.Entries.Select(e => e.RuleId));
        Assert.Equal(1, report.ExitCode());
        Assert.Equal(1, report.ExitCode(ValidationFailureMode.ErrorsOnly));
    }

    [Fact]
    public void Seed_on_Flatcar_warns_about_fleet_and_the_ignored_dash_key()
    {
        // Flatcar does not decode reboot-strategy, so its value is not pattern-checked; CoreosDsl says why.
        var report = CloudConfigValidator.Validate(File.ReadAllBytes(SeedPath), Flatcar);
        Assert.Equal(
            ["line 4: warning: deprecated key \"fleet\" (fleet is no longer shipped in Container Linux)",
             "line 9: warning: `reboot-strategy`: Flatcar ignores dash-form keys; write `reboot_strategy` (CoreosDsl check; Flatcar 3975.2.0 and later)"],
            report.Entries.Select(e => e.ToString()));
        Assert.Equal(1, report.ExitCode());
        Assert.Equal(0, report.ExitCode(ValidationFailureMode.ErrorsOnly));
    }

    [Theory]
    [InlineData(CloudConfigDialect.CoreOS, "must be \"#cloud-config\" or begin with \"#!\"")]
    [InlineData(CloudConfigDialect.Flatcar, "must be \"#cloud-config\", multipart mime or begin with \"#!\"")]
    public void Header_error_is_at_line_1(CloudConfigDialect dialect, string message)
    {
        foreach (var text in new[] { "hostname: x\n", "  #cloud-config\nhostname: x\n", "{}", "#cloud-config-x\n" })
        {
            var report = CloudConfigValidator.Validate(text, dialect);
            Assert.Equal([$"line 1: error: {message}"], report.Entries.Select(e => e.ToString()));
            Assert.Equal(UserDataKind.Unknown, report.Kind);
        }
    }

    [Theory]
    [InlineData("", UserDataKind.Empty)]
    [InlineData("#!/bin/sh\necho hi\n", UserDataKind.Script)]
    [InlineData("{\"ignition\": {\"version\": \"2.0.0\"}}", UserDataKind.Ignition)]
    [InlineData("{\"ignitionVersion\": 1}", UserDataKind.Ignition)]
    [InlineData("#cloud-config \r\nhostname: x\r\n", UserDataKind.CloudConfig)]
    public void Formats_without_entries(string text, UserDataKind kind)
    {
        var report = CloudConfigValidator.Validate(text, CoreOS);
        Assert.Equal(kind, report.Kind);
        Assert.Empty(report.Entries);
        Assert.Equal(0, report.ExitCode());
    }

    [Fact]
    public void Multipart_mime_is_accepted_on_Flatcar_only()
    {
        const string mime = "Content-Type: multipart/mixed; boundary=\"x\"\nMIME-Version: 1.0\n\n--x\n";
        Assert.Equal(UserDataKind.MultipartMime, CloudConfigValidator.Validate(mime, Flatcar).Kind);
        Assert.Empty(CloudConfigValidator.Validate(mime, Flatcar).Entries);
        Assert.Equal(ValidationRuleIds.Header, Assert.Single(CloudConfigValidator.Validate(mime, CoreOS).Entries).RuleId);
    }

    [Fact]
    public void Gzipped_user_data_and_CRLF_are_handled()
    {
        var text = "#cloud-config\r\ncoreos:\r\n  units:\r\n    - command: lol\r\n";
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        var report = CloudConfigValidator.Validate(buffer.ToArray(), CoreOS);
        Assert.Equal(["line 4: error: invalid value lol"], report.Entries.Select(e => e.ToString()));
        Assert.DoesNotContain("\r", report.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Rendering_points_at_the_value_like_a_compiler()
    {
        var report = CloudConfigValidator.Validate("#cloud-config\ncoreos:\n  units:\n    - command: lol\n", CoreOS);
        Assert.Equal(
            "error[checkValidity]: invalid value lol\n" +
            " --> cloud-config.yml:4:16\n" +
            "  |\n" +
            "4 |     - command: lol\n" +
            "  |                ^^^\n" +
            "\n" +
            "cloud-config.yml: 1 error(s), 0 warning(s), 0 info(s)\n",
            report.Render());
    }

    [Fact]
    public void Rendering_points_at_the_key_for_structure_warnings()
    {
        var report = CloudConfigValidator.Validate("#cloud-config\ncoreos:\n  fleet:\n    metadata: x\n", CoreOS);
        Assert.Contains("3 |   fleet:\n  |   ^^^^^\n", report.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_has_coreos_cloudinit_fields_plus_column_and_rule()
    {
        var report = CloudConfigValidator.Validate("#cloud-config\ncoreos:\n  units:\n    - command: lol\n", CoreOS);
        Assert.Equal(
            "[\n  {\n    \"kind\": \"error\",\n    \"line\": 4,\n    \"column\": 16,\n    \"message\": \"invalid value lol\",\n    \"rule\": \"checkValidity\"\n  }\n]\n",
            report.ToJson());
    }

    [Fact]
    public void Built_documents_are_validated_through_the_writer()
    {
        var report = CloudConfigValidator.Validate(SeedTree.Build(), CoreOS);
        Assert.Equal(
            ["line 3: warning: deprecated key \"fleet\" (fleet is no longer shipped in Container Linux)", "line 7: error: invalid value best-effort"],
            report.Entries.Select(e => e.ToString()));
        Assert.StartsWith("#cloud-config\n", report.Source, StringComparison.Ordinal);
    }

    private static string SeedPath => Path.Combine(TestPaths.TestData, "seed", "cloud-config.yml");

    private static void AssertEntries(string name, string text, CloudConfigDialect dialect, string[] expected)
    {
        var actual = CloudConfigValidator.Validate(text, dialect).Entries.Select(e => e.ToString()).ToList();
        Assert.True(
            expected.Order(StringComparer.Ordinal).SequenceEqual(actual.Order(StringComparer.Ordinal)),
            $"{name} ({dialect}):\n expected: {string.Join(" | ", expected)}\n actual:   {string.Join(" | ", actual)}");
    }
}
