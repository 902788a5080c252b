using CoreosDsl.Analyzers.Tests.Support;

namespace CoreosDsl.Analyzers.Tests;

/// <summary>CDSL260 (Ignition paths), CDSL261 (a started unit without [Install]) and CDSL262 (no Ignition form).</summary>
public class IgnitionTests
{
    private static string Config(string configure) => $$"""
        using CoreosDsl.Ignition;
        public static class Snippet
        {
            public static IgnitionConfig Build() => IgnitionConfig.Create(c => {{configure}});
        }
        """;

    private static string IgnitionWorker(string configure, string provisioning = ".WithIgnition()") => $$"""
        #pragma warning disable CDSL104
        public static class Snippet
        {
            public static WorkerDefinition Define() => Worker.Define("worker", w => {{configure}}){{provisioning}};
        }
        """;

    [Theory]
    [InlineData("etc/hostname")]
    [InlineData("/etc//hostname")]
    [InlineData("/etc/./hostname")]
    [InlineData("/var/lib/../hostname")]
    [InlineData("/etc/")]
    public void A_path_that_is_not_absolute_or_not_simplified_is_CDSL260(string path)
    {
        AnalyzerHarness.Verify(Config($$"""c.Storage(s => s.File({|CDSL260:"{{path}}"|}, f => f.Mode("0644")))"""));
        AnalyzerHarness.Verify(Config("""c.Storage(s => s.File("/etc/hostname", f => f.Mode("0644")))"""));
    }

    [Fact]
    public async Task The_code_fix_writes_the_simplified_path()
    {
        var (result, title) = await CodeFixHarness.ApplyAsync(Config("""c.Storage(s => s.File("/etc/./x//hostname"))"""), "CDSL260");

        Assert.Equal(Config("""c.Storage(s => s.File("/etc/x/hostname"))"""), result);
        Assert.Equal("Write the path as '/etc/x/hostname'", title);
    }

    [Fact]
    public void Paths_of_directories_links_disks_and_filesystems_are_checked_too() =>
        AnalyzerHarness.Verify(Config("""
            c.Storage(s => s
                .Directory({|CDSL260:"/opt//bin"|})
                .Link({|CDSL260:"/etc/localtime/"|}, l => l.Target("/usr/share/zoneinfo/UTC"))
                .Disk({|CDSL260:"dev/sdb"|})
                .Filesystem("/dev/sdb1", f => f.Path({|CDSL260:"/var/lib/../data"|})))
            """));

    [Fact]
    public void Modes_unit_names_and_hashes_are_checked_with_the_ids_of_the_same_mistakes() =>
        AnalyzerHarness.Verify(Config("""
            c.Storage(s => s.File("/a", f => f.Mode({|CDSL213:"0855"|}).Contents(r => r.Remote(new Uri("https://example.com/a"), {|CDSL214:"md5-00"|}))))
             .Systemd(s => s.Unit({|CDSL204:"docker"|}))
            """));

    [Fact]
    public void A_started_unit_without_Install_in_an_Ignition_worker_is_CDSL261()
    {
        const string Failing = """w.Coreos(c => c.Units(units => units.Service({|CDSL261:"app.service"|}, UnitCommand.Start, s => s.Service(x => x.ExecStart("/usr/bin/app")))))""";
        const string Fixed = """w.Coreos(c => c.Units(units => units.Service("app.service", UnitCommand.Start, s => s.Service(x => x.ExecStart("/usr/bin/app")).Install(i => i.WantedBy("multi-user.target")))))""";

        AnalyzerHarness.Verify(IgnitionWorker(Failing));
        AnalyzerHarness.Verify(IgnitionWorker(Failing, ".WithProvisioning(Provisioning.Both)"));
        AnalyzerHarness.Verify(IgnitionWorker(Fixed));
        // A cloud-config worker starts the unit itself: nothing to report.
        AnalyzerHarness.Verify(IgnitionWorker(Failing.Replace("{|CDSL261:", "").Replace("|}", ""), ".WithProvisioning(Provisioning.CloudConfig)"));
    }

    [Fact]
    public void Fleet_and_etcd2_in_an_Ignition_worker_are_CDSL262() =>
        AnalyzerHarness.Verify(IgnitionWorker(
            """w.Coreos(c => {|CDSL262:c.Fleet(f => f.Metadata("role", "worker"))|}.Update(u => u.Group("stable")))"""));
}
