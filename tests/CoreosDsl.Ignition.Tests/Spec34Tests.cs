using System.Text.Json.Nodes;
using CoreosDsl.Ignition.Validation;
using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Ignition.Tests;

/// <summary>
/// Spec 3.4.0, selected per worker: what it adds (LUKS discard and openOptions, tang advertisement, arn: S3 URLs) is
/// written only when selected, and reported as CDSL263 otherwise. Debian's ignition-validate (2.14) does not read
/// 3.4.0; the configs here are those of the 3.4.0 differential corpus, which ignition-validate 2.17 accepted, and
/// 2.14 checks the arn: URLs under 3.4.0-experimental, where it has the same URL rule.
/// </summary>
public class Spec34Tests
{
    private static readonly string Cases = Path.Combine(TestPaths.TestData, "ignition-differential-34", "cases");
    private const string Advertisement = """{"payload":"eyJrZXlzIjpbXX0","protected":"eyJhbGciOiJFUzUxMiJ9","signature":"AAAA"}""";
    private static readonly string Hash = "sha512-" + string.Concat(Enumerable.Repeat("3f", 64));

    private static void Luks(IgnitionConfigBuilder c) => c
        .Storage(s => s
            .Luks("data", l => l.Device("/dev/disk/by-partlabel/data").Discard()
                .OpenOptions("--perf-no_read_workqueue", "--perf-no_write_workqueue").Clevis(x => x.Tpm2()).WipeVolume())
            .Luks("tanged", l => l.Device("/dev/disk/by-partlabel/tanged").Discard(false)
                .Clevis(x => x.Tang("https://tang.example.com", t => t.Thumbprint("r4bc2Ge6rdF6dCizOv1-ua5Fz3E").Advertisement(Advertisement))))
            .Filesystem("/dev/mapper/data", f => f.Format(FilesystemFormat.Xfs).Label("DATA").WipeFilesystem()))
        .Systemd(s => s.Unit("var-lib-data.mount", u => u.Enabled()
            .Contents("[Mount]\nWhat=/dev/mapper/data\nWhere=/var/lib/data\nType=xfs\n\n[Install]\nWantedBy=multi-user.target\n")));

    private static void Arn(IgnitionConfigBuilder c) => c
        .Ignition(i => i.Config(x => x.Merge("arn:aws:s3:::configs-bucket/base.ign")))
        .Storage(s => s
            .File("/opt/bin/agent", f => f.Mode("0755").Contents(r => r.Source("arn:aws:s3:us-west-2:123456789012:accesspoint/tools/bin/agent")
                .Verification(v => v.Hash(Hash))))
            .File("/etc/agent.conf", f => f.Contents(r => r.Source("arn:aws:s3:::configs-bucket/agent.conf?versionId=3HL4kqtJlcpXroDTDmJ"))));

    [Theory]
    [InlineData("luks-34")]
    [InlineData("arn-sources")]
    public void The_builders_write_the_3_4_0_configs_ignition_validate_2_17_accepted(string name)
    {
        var config = IgnitionConfig.Create(IgnitionSpecVersion.V3_4_0, name == "luks-34" ? Luks : Arn);
        var recorded = JsonNode.Parse(File.ReadAllText(Path.Combine(Cases, name + ".ign")))!;

        Assert.True(JsonNode.DeepEquals(recorded, JsonNode.Parse(config.ToJson())), config.ToJson());
        Assert.Contains($"{name}.ign\tok\t", File.ReadAllText(Path.Combine(Cases, "..", "verdicts.tsv")), StringComparison.Ordinal);
        Assert.Equal("ok", IgnitionValidator.Validate(config.ToJson()).Verdict);
        Assert.Empty(IgnitionSpecCheck.Check(config.Root));
    }

    [Fact]
    [Trait("Category", "Oracle")]
    public void Ignition_2_14_accepts_the_arn_sources_under_3_4_0_experimental_and_refuses_them_under_3_3_0()
    {
        var json = IgnitionConfig.Create(IgnitionSpecVersion.V3_4_0, Arn).ToJson();

        IgnitionValidate.AssertClean(json.Replace("\"3.4.0\"", "\"3.4.0-experimental\"", StringComparison.Ordinal));
        var refused = IgnitionValidate.Run(json.Replace("\"3.4.0\"", "\"3.3.0\"", StringComparison.Ordinal));
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("invalid url scheme", refused.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void In_a_3_3_0_config_each_addition_is_found_with_its_place()
    {
        var config = IgnitionConfig.Create(c => { Luks(c); Arn(c); });

        var problems = IgnitionSpecCheck.Check(config.Root);

        Assert.Equal(
            new[]
            {
                "$.ignition.config.merge.0.source", "$.storage.files.0.contents.source", "$.storage.files.1.contents.source",
                "$.storage.luks.0.discard", "$.storage.luks.0.openOptions", "$.storage.luks.1.clevis.tang.0.advertisement",
                "$.storage.luks.1.discard",
            }.Order(StringComparer.Ordinal),
            problems.Select(p => p.Path).Order(StringComparer.Ordinal));
        Assert.All(problems, p => Assert.Equal(("3.4.0", "3.3.0", "V3_4_0"), (p.Since, p.Version, p.Member)));
    }

    [Fact]
    public void A_worker_reports_CDSL263_and_refuses_to_emit_until_it_selects_3_4_0()
    {
        var worker = Worker.Define("db", _ => { }).WithIgnition(Luks).WithProvisioning(Provisioning.Ignition);

        var findings = worker.Validate().Where(d => d.Id == "CDSL263").ToList();
        Assert.Equal(4, findings.Count);
        Assert.Contains(findings, d => d.Message.Contains("$.storage.luks.0.discard needs Ignition spec 3.4.0, and this config is 3.3.0", StringComparison.Ordinal)
            && d.Message.Contains(".WithIgnitionSpec(IgnitionSpecVersion.V3_4_0)", StringComparison.Ordinal));
        var refused = Assert.Throws<InvalidOperationException>(() => worker.ToIgnitionJson());
        Assert.Contains("worker 'db': CDSL263: $.storage.luks.0.discard needs Ignition spec 3.4.0", refused.Message, StringComparison.Ordinal);

        var selected = worker.WithIgnitionSpec(IgnitionSpecVersion.V3_4_0);
        Assert.DoesNotContain(selected.Validate(), d => d.Id == "CDSL263");
        var json = JsonNode.Parse(selected.ToIgnitionJson())!;
        Assert.Equal("3.4.0", (string?)json["ignition"]!["version"]);
        Assert.True((bool)json["storage"]!["luks"]![0]!["discard"]!);
        Assert.Equal("ok", IgnitionValidator.Validate(selected.ToIgnitionJson()).Verdict);
    }

    [Fact]
    public void The_selection_survives_later_changes_and_3_3_0_stays_the_default()
    {
        var worker = Worker.Define("w", _ => { }).WithIgnitionSpec(IgnitionSpecVersion.V3_4_0).WithIgnition(Arn).WithProvisioning(Provisioning.Both);

        Assert.Equal(IgnitionSpecVersion.V3_4_0, worker.Ignition.Spec);
        Assert.Equal("3.4.0", (string?)JsonNode.Parse(worker.ToIgnitionJson())!["ignition"]!["version"]);
        Assert.Equal("3.3.0", (string?)JsonNode.Parse(Worker.Define("w", _ => { }).WithIgnition().ToIgnitionJson())!["ignition"]!["version"]);
    }

    [Theory]
    [InlineData("arn:aws:s3:::bucket-name-but-no-key")]
    [InlineData("arn:aws:s3:us-west-2:123456789012:accesspoint/ap-name-but-no-key")]
    [InlineData("arn:aws:iam::123456789012:user/x")]
    [InlineData("arn:aws:s3:bucket/key")]
    public void The_builders_refuse_an_arn_that_names_no_S3_object(string arn)
    {
        var refused = Assert.Throws<ArgumentException>(() => IgnitionConfig.Create(IgnitionSpecVersion.V3_4_0, c => c.Storage(s => s.File("/a", f => f.Contents(r => r.Source(arn))))));
        Assert.Contains("arn:aws:s3:::BUCKET/KEY", refused.Message, StringComparison.Ordinal);
    }
}
