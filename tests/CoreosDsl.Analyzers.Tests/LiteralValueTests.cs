using CoreosDsl.Analyzers.Tests.Support;

namespace CoreosDsl.Analyzers.Tests;

/// <summary>
/// CDSL201-215: each literal check fires on exactly the literal that is wrong, and not on the corrected literal.
/// Each case is a pair: the failing snippet with the expected diagnostic marked, and the fixed snippet.
/// </summary>
public class LiteralValueTests
{
    private const string GoodKey =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA placeholder@example.com";

    public static TheoryData<string, string, string> Cases => new()
    {
        {
            "CDSL201",
            Snippets.Unit("""Units.Timer("a.timer", t => t.Timer(x => x.OnCalendar({|CDSL201:"*-*-* 25:00:00"|})))"""),
            Snippets.Unit("""Units.Timer("a.timer", t => t.Timer(x => x.OnCalendar("*-*-* 05:00:00")))""")
        },
        {
            "CDSL202",
            Snippets.Unit("""Units.Service("a.service", s => s.Service(x => x.ExecStart("/bin/true").RestartSec({|CDSL202:"1.5.5s"|})))"""),
            Snippets.Unit("""Units.Service("a.service", s => s.Service(x => x.ExecStart("/bin/true").RestartSec("1min 30s")))""")
        },
        {
            "CDSL203",
            Snippets.Unit("""Units.Service("a.service", s => s.Service(x => x.ExecStart("/bin/true").MemoryMax({|CDSL203:"32 MiB"|})))"""),
            Snippets.Unit("""Units.Service("a.service", s => s.Service(x => x.ExecStart("/bin/true").MemoryMax("32M")))""")
        },
        {
            "CDSL204",
            Snippets.Unit("""Units.Service("a.service", s => s.Unit(u => u.Requires("docker.service", {|CDSL204:"update engine.service"|})))"""),
            Snippets.Unit("""Units.Service("a.service", s => s.Unit(u => u.Requires("docker.service", "update-engine.service")))""")
        },
        {
            "CDSL214 on a number out of its range",
            Snippets.Unit("""Units.Service("a.service", s => s.Service(x => x.ExecStart("/bin/true").Nice({|CDSL214:20|}).OOMScoreAdjust(-1000)))"""),
            Snippets.Unit("""Units.Service("a.service", s => s.Service(x => x.ExecStart("/bin/true").Nice(19).OOMScoreAdjust(-1000)))""")
        },
        {
            "CDSL214 on a CPU quota without %",
            Snippets.Unit("""Units.Service("a.service", s => s.Service(x => x.ExecStart("/bin/true").CPUQuota({|CDSL214:"150"|})))"""),
            Snippets.Unit("""Units.Service("a.service", s => s.Service(x => x.ExecStart("/bin/true").CPUQuota("150%")))""")
        },
        {
            "CDSL214 on a soft limit above the hard one",
            Snippets.Unit("""Units.Service("a.service", s => s.Service(x => x.ExecStart("/bin/true").LimitNOFILE({|CDSL214:"65536:1024"|})))"""),
            Snippets.Unit("""Units.Service("a.service", s => s.Service(x => x.ExecStart("/bin/true").LimitNOFILE("1024:65536")))""")
        },
        {
            "CDSL214 on a socket address with a host name",
            Snippets.Unit("""Units.Socket("a.socket", k => k.Socket(x => x.ListenStream({|CDSL214:"localhost:8080"|})))"""),
            Snippets.Unit("""Units.Socket("a.socket", k => k.Socket(x => x.ListenStream("127.0.0.1:8080")))""")
        },
        {
            "CDSL205",
            Snippets.Unit("""Units.Service({|CDSL205:"backup.timer"|}, s => s.Service(x => x.ExecStart("/bin/true")))"""),
            Snippets.Unit("""Units.Service("backup.service", s => s.Service(x => x.ExecStart("/bin/true")))""")
        },
        {
            "CDSL205 on Slice=",
            Snippets.Unit("""Units.Service("a.service", s => s.Service(x => x.ExecStart("/bin/true").Slice({|CDSL205:"system.service"|})))"""),
            Snippets.Unit("""Units.Service("a.service", s => s.Service(x => x.ExecStart("/bin/true").Slice("system.slice")))""")
        },
        {
            "CDSL206",
            Snippets.Unit("""Units.Service("a.service", s => s.Service(x => x.ExecStart({|CDSL206:"bin/run --now"|})))"""),
            Snippets.Unit("""Units.Service("a.service", s => s.Service(x => x.ExecStart("/usr/bin/run --now")))""")
        },
        {
            "CDSL206 with a repeated prefix",
            Snippets.Unit("""Units.Service("a.service", s => s.Service(x => x.ExecStart({|CDSL206:"--/usr/bin/run"|})))"""),
            Snippets.Unit("""Units.Service("a.service", s => s.Service(x => x.ExecStart("-/usr/bin/run")))""")
        },
        {
            "CDSL207",
            Snippets.Unit("""Units.Service("a.service", s => s.Service(x => x.ExecStart({|CDSL207:"/bin/echo 50%x"|})))"""),
            Snippets.Unit("""Units.Service("a.service", s => s.Service(x => x.ExecStart("/bin/echo 50%%x %i")))""")
        },
        {
            "CDSL207 in a unit name",
            Snippets.Unit("""Units.Service("a.service", s => s.Unit(u => u.After({|CDSL207:"%t.service"|})))"""),
            Snippets.Unit("""Units.Service("a.service", s => s.Unit(u => u.After("%i.service")))""")
        },
        {
            "CDSL208",
            Snippets.Unit("""Units.Service("a.service", s => s.Service(x => x.ExecStart("/bin/true").Environment({|CDSL208:"1VAR"|}, "x")))"""),
            Snippets.Unit("""Units.Service("a.service", s => s.Service(x => x.ExecStart("/bin/true").Environment("VAR1", "x")))""")
        },
        {
            "CDSL209",
            Snippets.Unit("""Units.Service("a.service", s => s.Service(x => x.ExecStart("/bin/true").RootDirectory({|CDSL209:"var/lib/app"|})))"""),
            Snippets.Unit("""Units.Service("a.service", s => s.Service(x => x.ExecStart("/bin/true").RootDirectory("/var/lib/app")))""")
        },
        {
            "CDSL209 in a condition",
            Snippets.Unit("""Units.Service("a.service", s => s.Unit(u => u.ConditionPathExists({|CDSL209:"!usr/.noupdate"|})))"""),
            Snippets.Unit("""Units.Service("a.service", s => s.Unit(u => u.ConditionPathExists("!/usr/.noupdate")))""")
        },
        {
            "CDSL209 in write_files",
            Snippets.Worker("""w.WriteFiles(f => f.Add(x => x.Path({|CDSL209:"etc/motd"|}).Content("hi")))"""),
            Snippets.Worker("""w.WriteFiles(f => f.Add(x => x.Path("/etc/motd").Content("hi")))""")
        },
        {
            "CDSL210",
            Snippets.Worker("""w.SshAuthorizedKeys({|CDSL210:"ssh-rsa AAAA"|})"""),
            Snippets.Worker($"w.SshAuthorizedKeys(\"{GoodKey}\")")
        },
        {
            "CDSL210 in a collection",
            Snippets.Worker($$"""w.SshAuthorizedKeys(["{{GoodKey}}", {|CDSL210:"ssh-ed25519 not-base64!"|}])"""),
            Snippets.Worker($"w.SshAuthorizedKeys([\"{GoodKey}\"])")
        },
        {
            "CDSL211",
            Snippets.Worker("""w.Coreos(c => c.Update(u => u.Server({|CDSL211:"update.example.com/v1/update"|})))"""),
            Snippets.Worker("""w.Coreos(c => c.Update(u => u.Server("https://update.example.com/v1/update")))""")
        },
        {
            "CDSL211 in a URL list",
            Snippets.Worker("""w.Coreos(c => c.Locksmith(l => l.Endpoint("http://etcd1:2379", {|CDSL211:"http://etcd2:2379,http://etcd3:2379"|})))"""),
            Snippets.Worker("""w.Coreos(c => c.Locksmith(l => l.Endpoint("http://etcd1:2379", "http://etcd2:2379", "http://etcd3:2379")))""")
        },
        {
            "CDSL211 in a Uri",
            Snippets.Worker("""w.Coreos(c => c.Locksmith(l => l.Endpoint(new Uri("http://etcd1:2379"), new Uri({|CDSL211:"etcd2:2379"|}))))"""),
            Snippets.Worker("""w.Coreos(c => c.Locksmith(l => l.Endpoint(new Uri("http://etcd1:2379"), new Uri("http://etcd2:2379"))))""")
        },
        {
            "CDSL211 in Uri fields and properties, at the text",
            UriFields("""[new("http://etcd1:2379"), new({|CDSL211:"http://etcd 2:2379"|})]""", """new({|CDSL211:"etcd3.example.com:2379"|})""", """new({|CDSL211:"ftp://config.example.com/worker.yml"|})"""),
            UriFields("""[new("http://etcd1:2379"), new("http://etcd2:2379")]""", """new("http://etcd3.example.com:2379")""", """new("http://config.example.com/worker.yml")""")
        },
        {
            "CDSL205 for a socket's Service= that is not a service",
            Snippets.Unit("""Units.Socket("app.socket", s => s.Socket(x => x.ListenStream("8080").Service({|CDSL205:"app.target"|})))"""),
            Snippets.Unit("""Units.Socket("app.socket", s => s.Socket(x => x.ListenStream("8080").Service("app.service")))""")
        },
        {
            "CDSL202 in raw unit text",
            Snippets.Worker("""w.Coreos(c => c.Units(units => units.Raw("app.service", {|CDSL202:"[Service]\nExecStart=/usr/bin/app\nTimeoutStartSec=forever\n"|})))"""),
            Snippets.Worker("""w.Coreos(c => c.Units(units => units.Raw("app.service", "[Service]\nExecStart=/usr/bin/app\nTimeoutStartSec=infinity\n")))""")
        },
        {
            "CDSL214 for a boolean in raw unit text",
            Snippets.Worker("""w.Coreos(c => c.Units(units => units.Raw("app.service", {|CDSL214:"[Service]\nExecStart=/usr/bin/app\nRemainAfterExit=sometimes\n"|})))"""),
            Snippets.Worker("""w.Coreos(c => c.Units(units => units.Raw("app.service", "[Unit]\nConditionFirstBoot=!yes\n[Service]\nExecStart=/usr/bin/app\nRemainAfterExit=True\nPrivateTmp=on\n")))""")
        },
        {
            "CDSL207 in a raw drop-in",
            Snippets.Worker("""w.Coreos(c => c.Units(units => units.Existing("docker.service", UnitCommand.Start, u => u.DropIns(d => d.Add(x => x.Name("10-env.conf").Content({|CDSL207:"[Service]\nExecStartPre=/usr/bin/echo %z\n"|}))))))"""),
            Snippets.Worker("""w.Coreos(c => c.Units(units => units.Existing("docker.service", UnitCommand.Start, u => u.DropIns(d => d.Add(x => x.Name("10-env.conf").Content("[Service]\nExecStartPre=/usr/bin/echo %%z\n"))))))""")
        },
        {
            "CDSL208 in raw unit text: the names of NAME=VALUE words",
            Snippets.Worker("""w.Coreos(c => c.Units(units => units.Raw("app.service", {|CDSL208:"[Service]\nExecStart=/usr/bin/app\nEnvironment=\"GREETING=hello world\" 1VAR=x\n"|})))"""),
            Snippets.Worker("""w.Coreos(c => c.Units(units => units.Raw("app.service", "[Service]\nExecStart=/usr/bin/app\nEnvironment=\"GREETING=hello world\" VAR1=x PATH=/usr/bin:/bin\nEnvironment=A=\"a b\"\n")))""")
        },
        {
            "CDSL208 in a raw drop-in",
            Snippets.Worker("""w.Coreos(c => c.Units(units => units.Existing("docker.service", UnitCommand.Start, u => u.DropIns(d => d.Add(x => x.Name("10-env.conf").Content({|CDSL208:"[Service]\nEnvironment=DOCKER-OPTS=--debug\n"|}))))))"""),
            Snippets.Worker("""w.Coreos(c => c.Units(units => units.Existing("docker.service", UnitCommand.Start, u => u.DropIns(d => d.Add(x => x.Name("10-env.conf").Content("[Service]\nEnvironment=DOCKER_OPTS=--debug\n"))))))""")
        },
        {
            "CDSL212",
            Snippets.Worker("""w.Hostname({|CDSL212:"worker_1.example.com"|})"""),
            Snippets.Worker("""w.Hostname("worker-1.example.com")""")
        },
        {
            "CDSL213",
            Snippets.Worker("""w.WriteFiles(f => f.Add(x => x.Path("/etc/motd").Permissions({|CDSL213:"0999"|})))"""),
            Snippets.Worker("""w.WriteFiles(f => f.Add(x => x.Path("/etc/motd").Permissions("0644")))""")
        },
        {
            "CDSL213 in a unit",
            Snippets.Unit("""Units.Service("a.service", s => s.Service(x => x.ExecStart("/bin/true").UMask({|CDSL213:"0o22"|})))"""),
            Snippets.Unit("""Units.Service("a.service", s => s.Service(x => x.ExecStart("/bin/true").UMask("0022")))""")
        },
        {
            "CDSL214",
            Snippets.Unit("""Units.Service("a.service", s => s.Unit(u => u.Description({|CDSL214:"Backup "|})))"""),
            Snippets.Unit("""Units.Service("a.service", s => s.Unit(u => u.Description("Backup")))""")
        },
        {
            "CDSL214 on a signal",
            Snippets.Unit("""Units.Service("a.service", s => s.Service(x => x.ExecStart("/bin/true").KillSignal({|CDSL214:"SIGSTERM"|})))"""),
            Snippets.Unit("""Units.Service("a.service", s => s.Service(x => x.ExecStart("/bin/true").KillSignal("SIGTERM")))""")
        },
        {
            "CDSL215",
            Snippets.Worker("""w.Coreos(c => c.Locksmith(l => l.WindowStart({|CDSL215:"25:00"|})))"""),
            Snippets.Worker("""w.Coreos(c => c.Locksmith(l => l.WindowStart("Thu 04:00")))""")
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheLiteralIsFlaggedAndTheFixedLiteralIsNot(string rule, string failing, string fixedSnippet)
    {
        _ = rule;
        AnalyzerHarness.Verify(failing);
        AnalyzerHarness.Verify(fixedSnippet);
    }

    [Fact]
    public void TheMessageNamesTheValueTheReasonAndTheFix()
    {
        var compiled = AnalyzerHarness.Verify(Snippets.Unit(
            """Units.Timer("a.timer", t => t.Timer(x => x.OnCalendar({|CDSL201:"*-*-* 25:00:00"|})))"""));

        var d = Assert.Single(compiled.AnalyzerDiagnostics);
        Assert.Equal(
            "\"*-*-* 25:00:00\" is not a calendar event: hour 25 (column 7) is out of range 0..23; write a calendar event such as '*-*-* 05:00:00', 'Mon..Fri 09:00' or 'daily'",
            d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, d.Severity);
        Assert.Equal(HelpLinkTests.Expected("CDSL201"), d.Descriptor.HelpLinkUri);
    }

    [Fact]
    public void ValuesComputedAtRunTimeAreLeftToTheBuilder()
    {
        AnalyzerHarness.Verify(Snippets.Unit(
            """Units.Timer("a.timer", t => t.Timer(x => x.OnCalendar(Environment.GetEnvironmentVariable("WHEN") ?? "daily")))"""));
    }

    [Fact]
    public void ConstantsAreCheckedWhereTheirTextIsWritten()
    {
        // Reported once at the constant's text, however often it is used.
        AnalyzerHarness.Verify("""
            public static class Snippet
            {
                private const string When = {|CDSL201:"*-*-* 25:00"|};
                public static UnitFile Build() => Units.Timer("a.timer", t => t.Timer(x => x.OnCalendar(When)));
                public static UnitFile Other() => Units.Timer("b.timer", t => t.Timer(x => x.OnCalendar(When)));
            }
            """);
    }

    [Fact]
    public void TheUnitsExtensionsCheckNamesAndSuffixesToo()
    {
        AnalyzerHarness.Verify(Snippets.Units("""
            units
                .Service({|CDSL205:"format.mount"|}, UnitCommand.Start, s => s.Service(x => x.Type(ServiceType.Oneshot).ExecStart("/bin/true")))
                .Existing({|CDSL204:"docker"|}, UnitCommand.Start)
            """));
    }

    /// <summary>A worker whose URLs come from a Uri[] field, a Uri property and an expression-bodied Uri property.</summary>
    private static string UriFields(string etcd, string extra, string config) => $$"""
        public static class Snippet
        {
            private static readonly Uri[] Etcd = {{etcd}};

            public static Uri Extra { get; } = {{extra}};

            private static Uri Config => {{config}};

            public static WorkerDefinition Define() => Worker
                .Define("worker", w => w.Coreos(c => c.Locksmith(l => l.Endpoint(Etcd))))
                .WithConfigUrl(Config);
        }
        """;
}
