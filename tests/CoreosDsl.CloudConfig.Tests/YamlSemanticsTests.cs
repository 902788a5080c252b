using System.Text;
using CoreosDsl.CloudConfig.Validation;

namespace CoreosDsl.CloudConfig.Tests;

/// <summary>
/// YAML as the Go libraries of coreos-cloudinit read it (go-yaml v1 for CoreOS, yaml.v3 for Flatcar): merge keys,
/// explicit tags, directives. Verdicts checked against Flatcar's validator (8df59e8) on the same documents.
/// </summary>
public sealed class YamlSemanticsTests
{
    [Theory]
    [InlineData(CloudConfigDialect.CoreOS)]
    [InlineData(CloudConfigDialect.Flatcar)]
    public void Merge_keys_are_applied(CloudConfigDialect dialect)
    {
        var text = "#cloud-config\nx-unit: &u\n  command: start\n  enable: true\ncoreos:\n  units:\n    - name: a.service\n      <<: *u\n      enable: false\n";

        var unit = (ConfigMapping)((ConfigSequence)((ConfigMapping)CloudConfigYaml.Read(text, dialect)["coreos"])["units"])[0];

        Assert.Equal(["name", "command", "enable"], unit.Select(e => e.Key));
        Assert.Equal("start", unit["command"].ToString());
        Assert.Equal("false", unit["enable"].ToString()); // the key written in the mapping wins
    }

    [Fact]
    public void A_sequence_of_merged_mappings_gives_the_first_precedence()
    {
        var text = "a: &a {x: 1, y: 1}\nb: &b {y: 2, z: 2}\nc:\n  <<: [*a, *b]\n";

        var c = (ConfigMapping)CloudConfigYaml.Read(text, CloudConfigDialect.Flatcar)["c"];

        Assert.Equal(("1", "1", "2"), (c["x"].ToString(), c["y"].ToString(), c["z"].ToString()));
    }

    [Fact]
    public void An_invalid_merged_value_is_an_error_of_the_unit()
    {
        // coreos-cloudinit: "invalid value bogus" (at line 0: its text search does not find merged keys).
        var text = "#cloud-config\nx-unit: &u\n  command: bogus\ncoreos:\n  units:\n    - name: a.service\n      <<: *u\n";

        var report = CloudConfigValidator.Validate(Encoding.UTF8.GetBytes(text), CloudConfigDialect.Flatcar);

        Assert.Contains(report.Entries, e => e.Severity == ValidationSeverity.Error && e.Message == "invalid value bogus");
        Assert.DoesNotContain(report.Entries, e => e.Message.Contains("\"<<\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("a: &s plain\nb:\n  <<: *s\n", 3, 3)]
    [InlineData("b:\n  <<: [{x: 1}, 2]\n", 2, 16)]
    [InlineData("b:\n  <<:\n", 2, 3)]
    public void Merging_what_is_not_a_mapping_is_an_error(string text, int line, int column)
    {
        var e = Assert.Throws<YamlSyntaxException>(() => CloudConfigYaml.Read(text, CloudConfigDialect.Flatcar));

        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.StartsWith("map merge requires map or sequence of maps as the value", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quoted_merge_key_is_an_ordinary_key()
    {
        var doc = CloudConfigYaml.Read("a: &a {x: 1}\nb:\n  \"<<\": *a\n", CloudConfigDialect.Flatcar);

        Assert.Equal(["<<"], ((ConfigMapping)doc["b"]).Select(e => e.Key));
    }

    [Theory]
    [InlineData("hostname: !!int abc", CloudConfigDialect.Flatcar, "cannot decode !!str `abc` as a !!int")]
    [InlineData("hostname: !!int abc", CloudConfigDialect.CoreOS, "cannot decode !!str `abc` as a !!int")]
    [InlineData("x: !!bool maybe", CloudConfigDialect.Flatcar, "cannot decode !!str `maybe` as a !!bool")]
    [InlineData("x: !!bool yes", CloudConfigDialect.Flatcar, "cannot decode !!str `yes` as a !!bool")]
    [InlineData("x: !!null abc", CloudConfigDialect.CoreOS, "cannot decode !!str `abc` as a !!null")]
    [InlineData("x: !!float 1", CloudConfigDialect.CoreOS, "cannot decode !!int `1` as a !!float")]
    [InlineData("x: !!int \"12x\"", CloudConfigDialect.Flatcar, "cannot decode !!str `12x` as a !!int")]
    public void Tagged_scalars_must_be_what_their_tag_says(string body, CloudConfigDialect dialect, string problem)
    {
        var e = Assert.Throws<YamlSyntaxException>(() => CloudConfigYaml.Read(body + "\n", dialect));

        Assert.Equal(1, e.Line);
        Assert.StartsWith(problem, e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x: !!int 8080", CloudConfigDialect.Flatcar)]
    [InlineData("x: !!float 1", CloudConfigDialect.Flatcar)]
    [InlineData("x: !!bool yes", CloudConfigDialect.CoreOS)]
    [InlineData("x: !!str 12", CloudConfigDialect.Flatcar)]
    [InlineData("x: !!timestamp 2001-12-14", CloudConfigDialect.Flatcar)]
    [InlineData("x: !custom value", CloudConfigDialect.Flatcar)]
    public void Tags_that_fit_are_accepted(string body, CloudConfigDialect dialect)
    {
        Assert.Single(CloudConfigYaml.Read(body + "\n", dialect));
    }

    [Fact]
    public void A_bad_tag_is_a_validation_error_at_its_line()
    {
        var report = CloudConfigValidator.Validate(Encoding.UTF8.GetBytes("#cloud-config\nhostname: a\nx: !!int abc\n"), CloudConfigDialect.Flatcar);

        var error = Assert.Single(report.Entries, e => e.Severity == ValidationSeverity.Error);
        Assert.Equal((3, 4), (error.Line, error.Column));
    }

    [Theory]
    [InlineData("#cloud-config\n%YAML 1.2\n---\nhostname: a\n", 2)]
    [InlineData("#cloud-config\n%YAML 2.0\n---\nhostname: a\n", 2)]
    public void Only_YAML_1_1_documents_are_read(string text, int line)
    {
        var error = Assert.Single(CloudConfigValidator.Validate(Encoding.UTF8.GetBytes(text), CloudConfigDialect.Flatcar).Entries, e => e.Severity == ValidationSeverity.Error);

        Assert.Equal(line, error.Line);
        Assert.Contains("incompatible YAML document", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("#cloud-config\n%YAML 1.1\n---\nhostname: a\n")]
    [InlineData("#cloud-config\nhostname: a\n...\n")]
    [InlineData("#cloud-config\nhostname: a\n...\nlater: [unclosed\n")]
    [InlineData("#cloud-config\n---\nhostname: a\n---\nsecond: [unclosed\n")]
    public void Directives_and_markers_coreos_cloudinit_accepts(string text)
    {
        Assert.Empty(CloudConfigValidator.Validate(Encoding.UTF8.GetBytes(text), CloudConfigDialect.Flatcar).Entries);
    }

    [Theory]
    [InlineData("hostnmae: a", "unrecognized key \"hostnmae\" (did you mean \"hostname\"?)")]
    [InlineData("coreos:\n  update:\n    reboot_stratgy: \"off\"", "unrecognized key \"reboot_stratgy\" (did you mean \"reboot_strategy\"?)")]
    [InlineData("coreos:\n  units:\n    - name: a.service\n      comand: start", "unrecognized key \"comand\" (did you mean \"command\"?)")]
    [InlineData("zzz: a", "unrecognized key \"zzz\"")]
    public void Unknown_keys_get_a_suggestion(string body, string message)
    {
        var report = CloudConfigValidator.Validate("#cloud-config\n" + body + "\n", CloudConfigDialect.Flatcar);

        Assert.Contains(report.Entries, e => e.RuleId == ValidationRuleIds.UnrecognizedKey && e.Message == message);
    }

    [Fact]
    public void A_key_named_merge_is_written_quoted_and_reads_back()
    {
        var doc = new ConfigMapping();
        doc.Set("<<", new ConfigScalar("x", ScalarKind.String));

        var text = CloudConfigYaml.Write(doc);

        Assert.Contains("\"<<\": x", text, StringComparison.Ordinal);
        Assert.True(CloudConfigYaml.Read(text).DeepEquals(doc));
    }
}
