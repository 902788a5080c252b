using CoreosDsl.Analyzers.Tests.Support;

namespace CoreosDsl.Analyzers.Tests;

/// <summary>CDSL263: what spec 3.4.0 adds, used in a config of spec 3.3.0 (the default).</summary>
public class IgnitionSpecTests
{
    private const string Luks = """s.Luks("data", l => l.Device("/dev/sdb").{|CDSL263:Discard|}().{|CDSL263:OpenOptions|}("--perf-no_read_workqueue"))""";
    private const string Tang = """s.Luks("t", l => l.Device("/dev/sdc").Clevis(c => c.Tang("https://tang.example.com", t => t.Thumbprint("x").{|CDSL263:Advertisement|}("{}"))))""";
    private const string Arn = """s.File("/opt/agent", f => f.Contents(r => r.Source({|CDSL263:"arn:aws:s3:::bucket/agent"|})))""";

    private static string Worker(string storage, string spec) => $$"""
        #pragma warning disable CDSL104
        using CoreosDsl.Ignition;
        public static class Snippet
        {
            public static WorkerDefinition Define() => Worker.Define("worker", _ => { })
                .WithIgnition(i => i.Storage(s => {{storage}})){{spec}};
        }
        """;

    private static string Config(string storage, string version) => $$"""
        using CoreosDsl.Ignition;
        public static class Snippet
        {
            public static IgnitionConfig Build() => IgnitionConfig.Create({{version}}c => c.Storage(s => {{storage}}));
        }
        """;

    private static string Clean(string code) => code.Replace("{|CDSL263:", "").Replace("|}", "");

    [Theory]
    [InlineData(Luks)]
    [InlineData(Tang)]
    [InlineData(Arn)]
    public void A_3_4_0_setting_in_a_3_3_0_worker_is_CDSL263(string storage)
    {
        AnalyzerHarness.Verify(Worker(storage, ""));
        AnalyzerHarness.Verify(Worker(storage, ".WithIgnitionSpec(IgnitionSpecVersion.V3_3_0)"));
        AnalyzerHarness.Verify(Worker(Clean(storage), ".WithIgnitionSpec(IgnitionSpecVersion.V3_4_0)"));
    }

    [Fact]
    public void The_selection_counts_wherever_it_is_on_the_chain() =>
        AnalyzerHarness.Verify($$"""
            #pragma warning disable CDSL104
            using CoreosDsl.Ignition;
            public static class Snippet
            {
                public static WorkerDefinition Define() => Worker.Define("worker", _ => { })
                    .WithIgnitionSpec(IgnitionSpecVersion.V3_4_0)
                    .WithIgnition(i => i.Storage(s => {{Clean(Luks)}}))
                    .WithProvisioning(Provisioning.Both);
            }
            """);

    [Fact]
    public void A_version_chosen_elsewhere_or_at_run_time_is_left_to_the_run_time_check()
    {
        AnalyzerHarness.Verify($$"""
            #pragma warning disable CDSL104
            using CoreosDsl.Ignition;
            public static class Snippet
            {
                public static WorkerDefinition Define(IgnitionSpecVersion spec) => Worker.Define("worker", _ => { })
                    .WithIgnition(i => i.Storage(s => {{Clean(Luks)}})).WithIgnitionSpec(spec);
            }
            """);
        AnalyzerHarness.Verify($$"""
            #pragma warning disable CDSL104
            using CoreosDsl.Ignition;
            public static class Snippet
            {
                public static WorkerDefinition Define()
                {
                    var worker = Worker.Define("worker", _ => { }).WithIgnition(i => i.Storage(s => {{Clean(Luks)}}));
                    return worker.WithIgnitionSpec(IgnitionSpecVersion.V3_4_0);
                }
            }
            """);
    }

    [Fact]
    public void IgnitionConfig_Create_is_checked_against_its_version()
    {
        AnalyzerHarness.Verify(Config(Luks, ""));
        AnalyzerHarness.Verify(Config(Arn, "IgnitionSpecVersion.V3_3_0, "));
        AnalyzerHarness.Verify(Config(Clean(Luks), "IgnitionSpecVersion.V3_4_0, "));
        AnalyzerHarness.Verify(Config(Clean(Arn), "IgnitionSpecVersion.V3_4_0, "));
    }

    [Fact]
    public void An_arn_that_names_no_S3_object_is_CDSL211_in_any_version() =>
        AnalyzerHarness.Verify(Config("""s.File("/opt/agent", f => f.Contents(r => r.Source({|CDSL211:"arn:aws:s3:::bucket-without-key"|})))""", "IgnitionSpecVersion.V3_4_0, "));
}
