using System.Text.Json.Nodes;
using CoreosDsl.CloudConfig;
using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Ignition.Tests;

/// <summary>
/// The typed etcd section: Flatcar's etcd-member.service configured by a drop-in of ETCD_* variables, written for
/// both outputs, read back by systemd-analyze verify, accepted by ignition-validate and written by the real Ignition.
/// </summary>
public class EtcdMemberTests
{
    private static readonly Uri Peer1 = new("http://10.0.0.11:2380");

    private static void Member(EtcdMemberBuilder e) => e
        .ImageTag("v3.5.16")
        .Name("etcd-1")
        .ListenClientUrls(new Uri("http://0.0.0.0:2379"))
        .AdvertiseClientUrls(new Uri("http://etcd-1.example.com:2379"), new Uri("http://10.0.0.11:2379"))
        .ListenPeerUrls(new Uri("http://10.0.0.11:2380"))
        .InitialAdvertisePeerUrls(Peer1)
        .InitialClusterMember("etcd-1", Peer1)
        .InitialClusterMember("etcd-2", new Uri("http://10.0.0.12:2380"))
        .InitialClusterMember("etcd-3", new Uri("http://10.0.0.13:2380"))
        .InitialClusterToken("example-cluster")
        .InitialClusterState(EtcdClusterState.New)
        .Environment("ETCD_HEARTBEAT_INTERVAL", "200");

    private static WorkerDefinition Worker() =>
        CoreosDsl.Worker.Define("etcd-1", w => w.Coreos(c => c.EtcdMember(Member))).WithProvisioning(Provisioning.Both);

    /// <summary>The variables <see cref="Member"/> sets, in order.</summary>
    private static readonly (string Name, string Value)[] Variables =
    [
        ("ETCD_IMAGE_TAG", "v3.5.16"), ("ETCD_NAME", "etcd-1"), ("ETCD_LISTEN_CLIENT_URLS", "http://0.0.0.0:2379"),
        ("ETCD_ADVERTISE_CLIENT_URLS", "http://etcd-1.example.com:2379,http://10.0.0.11:2379"),
        ("ETCD_LISTEN_PEER_URLS", "http://10.0.0.11:2380"), ("ETCD_INITIAL_ADVERTISE_PEER_URLS", "http://10.0.0.11:2380"),
        ("ETCD_INITIAL_CLUSTER", "etcd-1=http://10.0.0.11:2380,etcd-2=http://10.0.0.12:2380,etcd-3=http://10.0.0.13:2380"),
        ("ETCD_INITIAL_CLUSTER_TOKEN", "example-cluster"), ("ETCD_INITIAL_CLUSTER_STATE", "new"), ("ETCD_HEARTBEAT_INTERVAL", "200"),
    ];

    /// <summary>The drop-in expected: no value needs quoting.</summary>
    private static string DropIn() => "[Service]\n" + string.Concat(Variables.Select(v => $"Environment={v.Name}={v.Value}\n"));

    [Fact]
    public void The_drop_in_is_written_for_both_outputs()
    {
        var worker = Worker();
        var yaml = CloudConfigYaml.Read(worker.ToYaml(), CloudConfigDialect.Flatcar);
        var unit = (ConfigMapping)((ConfigSequence)((ConfigMapping)yaml["coreos"])["units"])[0];
        var json = JsonNode.Parse(worker.ToIgnitionJson())!;
        var ignitionUnit = json["systemd"]!["units"]![0]!;

        Assert.Equal("etcd-member.service", ((ConfigScalar)unit["name"]).Value);
        Assert.Equal("start", ((ConfigScalar)unit["command"]).Value);
        var dropIn = (ConfigMapping)((ConfigSequence)unit["drop_ins"])[0];
        Assert.Equal("20-etcd-member.conf", ((ConfigScalar)dropIn["name"]).Value);
        Assert.Equal("etcd-member.service", (string?)ignitionUnit["name"]);
        Assert.True((bool)ignitionUnit["enabled"]!);
        Assert.Equal("20-etcd-member.conf", (string?)ignitionUnit["dropins"]![0]!["name"]);
        Assert.Equal(((ConfigScalar)dropIn["content"]).Value, (string?)ignitionUnit["dropins"]![0]!["contents"]);
        Assert.Equal(DropIn(), (string?)ignitionUnit["dropins"]![0]!["contents"]);
        Assert.DoesNotContain(worker.Validate(), d => d.Severity == WorkerDiagnosticSeverity.Error);
    }

    [Fact]
    [Trait("Category", "Oracle")]
    public void Systemd_reads_every_variable_back()
    {
        // A stand-in for Flatcar's stock unit (not shipped on this machine): the drop-in adds to it.
        var verify = SystemdVerify.Run(new Dictionary<string, string>
        {
            ["etcd-member.service"] = "[Service]\nType=notify\nExecStart=/usr/bin/true $ETCD_OPTS\n",
            ["etcd-member.service.d/20-etcd-member.conf"] = DropIn(),
        });

        Assert.Empty(verify.Messages("etcd-member.service.d/20-etcd-member.conf"));
        var environment = string.Join(" ", verify.DumpValues("etcd-member.service", "Environment"));
        foreach (var (name, value) in Variables)
        {
            Assert.Contains($"{name}={value}", environment, StringComparison.Ordinal);
        }
    }

    [Fact]
    [Trait("Category", "Oracle")]
    public void Ignition_validates_and_writes_the_drop_in()
    {
        var json = Worker().ToIgnitionJson();
        IgnitionValidate.AssertClean(json);

        var root = IgnitionApply.Apply(json);
        try
        {
            Assert.Equal(DropIn(), File.ReadAllText(Path.Combine(root, "etc/systemd/system/etcd-member.service.d/20-etcd-member.conf")));
            Assert.Contains("enable etcd-member.service", File.ReadAllText(Path.Combine(root, IgnitionApply.PresetPath)), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(root)!, recursive: true);
        }
    }

    [Theory]
    [InlineData("https://10.0.0.1:2379/", "has a path")]
    [InlineData("http://10.0.0.1", "has no port")]
    [InlineData("http://etcd-1.example.com:2379", "binds only to IP addresses")]
    [InlineData("ftp://10.0.0.1:2379", "etcd takes http, https, unix or unixs")]
    [InlineData("http://10.0.0.1:2379?x=1", "has a path, query or fragment")]
    public void Urls_etcd_refuses_are_refused_where_they_are_written(string url, string problem)
    {
        var refused = Assert.Throws<WorkerDefinitionException>(() => CoreosDsl.Worker.Define("e", w => w.Coreos(c => c.EtcdMember(e => e.ListenClientUrls(new Uri(url))))));

        var inner = Assert.IsType<ArgumentException>(refused.InnerException);
        Assert.Contains(problem, inner.Message, StringComparison.Ordinal);
        Assert.Equal("urls", inner.ParamName);
    }

    [Fact]
    public void Listen_urls_take_IP_addresses_and_localhost_advertised_ones_any_host()
    {
        Assert.Null(EtcdUrls.Problem(new Uri("http://[::]:2379"), listen: true));
        Assert.Null(EtcdUrls.Problem(new Uri("http://localhost:2379"), listen: true));
        Assert.Null(EtcdUrls.Problem(new Uri("unix://localhost:12345"), listen: true));
        Assert.Null(EtcdUrls.Problem(new Uri("https://etcd-1.example.com:2379"), listen: false));
    }

    [Fact]
    public void A_member_missing_from_its_initial_cluster_or_with_other_peer_urls_is_refused()
    {
        var missing = Assert.Throws<WorkerDefinitionException>(() => CoreosDsl.Worker.Define("e", w => w.Coreos(c => c.EtcdMember(e => e
            .Name("etcd-4").InitialClusterMember("etcd-1", Peer1)))));
        Assert.Contains("etcd member 'etcd-4' is not in its initial cluster (etcd-1)", missing.Message, StringComparison.Ordinal);

        var other = Assert.Throws<WorkerDefinitionException>(() => CoreosDsl.Worker.Define("e", w => w.Coreos(c => c.EtcdMember(e => e
            .Name("etcd-1").InitialAdvertisePeerUrls(new Uri("http://10.0.0.99:2380")).InitialClusterMember("etcd-1", Peer1)))));
        Assert.Contains("advertises the peer URLs http://10.0.0.99:2380 but its initial cluster lists http://10.0.0.11:2380", other.Message, StringComparison.Ordinal);

        var both = Assert.Throws<WorkerDefinitionException>(() => CoreosDsl.Worker.Define("e", w => w.Coreos(c => c.EtcdMember(e => e
            .InitialClusterMember("etcd-1", Peer1).Discovery(new Uri("https://discovery.example.com/abc"))))));
        Assert.Contains("multiple discovery or bootstrap flags are set", both.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_with_spaces_or_percent_are_quoted_so_systemd_reads_them_as_written()
    {
        var text = CoreosDsl.Worker.Define("e", w => w.Coreos(c => c.EtcdMember(e => e.Environment("ETCD_LOG_OUTPUTS", "a b%c"))))
            .ToIgnition().Root["systemd"]!["units"]![0]!["dropins"]![0]!["contents"]!.GetValue<string>();

        Assert.Equal("[Service]\nEnvironment=\"ETCD_LOG_OUTPUTS=a b%%c\"\n", text);
    }

    [Fact]
    public void The_etcd2_section_in_an_Ignition_worker_names_the_typed_section()
    {
#pragma warning disable CDSL104, CDSL262 // etcd2 is obsolete and has no Ignition form: that is the point of the test.
        var worker = CoreosDsl.Worker.Define("old", w => w.Coreos(c => c.Etcd2(e => e.Name("old")))).WithIgnition();
#pragma warning restore CDSL104, CDSL262

        Assert.Contains(worker.Validate(), d => d.Id == "CDSL262" && d.Message.Contains("c.EtcdMember(e => ", StringComparison.Ordinal));
    }
}
