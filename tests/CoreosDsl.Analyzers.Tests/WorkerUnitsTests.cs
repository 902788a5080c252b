using CoreosDsl.Analyzers.Tests.Support;

namespace CoreosDsl.Analyzers.Tests;

/// <summary>
/// CDSL220, 221, 223, 225, 229: references across the units of one Worker.Define, followed through fluent chains,
/// statement lambdas and typed handles in locals, fields and properties (also in other files), against the stock
/// units of the target OS.
/// </summary>
public class WorkerUnitsTests
{
    private const string Start = "UnitCommand.Start";

    public static TheoryData<string, string, string> Cases => new()
    {
        {
            "CDSL220",
            Snippets.Units("""units.Service("app.service", s => s.Unit(u => u.Wants({|CDSL220:"metrics.service"|}).After("network-online.target")).Service(x => x.ExecStart("/usr/bin/app")))"""),
            Snippets.Units("""units.Service("app.service", s => s.Unit(u => u.Wants("metrics.service").After("network-online.target")).Service(x => x.ExecStart("/usr/bin/app"))).Service("metrics.service", s => s.Service(x => x.ExecStart("/usr/bin/metrics")))""")
        },
        {
            "CDSL220 in [Install]",
            Snippets.Units("""units.Service("app.service", s => s.Service(x => x.ExecStart("/usr/bin/app")).Install(i => i.WantedBy({|CDSL220:"multiuser.target"|})))"""),
            Snippets.Units("""units.Service("app.service", s => s.Service(x => x.ExecStart("/usr/bin/app")).Install(i => i.WantedBy("multi-user.target")))""")
        },
        {
            "CDSL225",
            Snippets.Units($$"""units.Service("locksmithd.service", {{Start}}, s => s.Unit(u => u.Requires({|CDSL225:"update-engin.service"|})).Service(x => x.ExecStart("/usr/lib/locksmith/locksmithd")))"""),
            Snippets.Units($$"""units.Service("locksmithd.service", {{Start}}, s => s.Unit(u => u.Requires("update-engine.service")).Service(x => x.ExecStart("/usr/lib/locksmith/locksmithd")))""")
        },
        {
            "CDSL220 for a unit that is not started",
            Snippets.Units("""units.Service("app.service", s => s.Unit(u => u.BindsTo({|CDSL220:"db.service"|})).Service(x => x.ExecStart("/usr/bin/app")))"""),
            Snippets.Units("""units.Service("app.service", s => s.Unit(u => u.BindsTo("docker.service")).Service(x => x.ExecStart("/usr/bin/app")))""")
        },
        {
            "CDSL221",
            Snippets.Units($$"""units.Timer({|CDSL221:"backup.timer"|}, {{Start}}, t => t.Timer(x => x.OnCalendar("daily")))"""),
            Snippets.Units($$"""units.Timer("backup.timer", {{Start}}, t => t.Timer(x => x.OnCalendar("daily"))).Service("backup.service", s => s.Service(x => x.Type(ServiceType.Oneshot).ExecStart("/usr/bin/backup")))""")
        },
        {
            "CDSL221 with Unit=",
            Snippets.Units($$"""units.Path("inbox.path", {{Start}}, p => p.Path(x => x.PathChanged("/srv/inbox").Unit({|CDSL221:"process.service"|})))"""),
            Snippets.Units($$"""units.Path("inbox.path", {{Start}}, p => p.Path(x => x.PathChanged("/srv/inbox").Unit("process.service"))).Service("process.service", s => s.Service(x => x.Type(ServiceType.Oneshot).ExecStart("/usr/bin/process")))""")
        },
        {
            "CDSL223",
            Snippets.Units("""units.Raw("app.service", "[Service]\nExecStart=/usr/bin/app\n").Raw({|CDSL223:"app.service"|}, "[Service]\nExecStart=/usr/bin/app --v2\n", UnitCommand.Start)"""),
            // coreos-cloudinit applies every entry in order: content in one entry, the start command in another.
            Snippets.Units("""units.Raw("app.service", "[Service]\nExecStart=/usr/bin/app\n").Existing("app.service", UnitCommand.Start).Raw("app.service", "[Service]\nExecStart=/usr/bin/app\n", UnitCommand.Restart)""")
        },
        {
            "CDSL223 between typed definitions",
            Snippets.Units("""units.Service("app.service", s => s.Service(x => x.ExecStart("/usr/bin/app"))).Service({|CDSL223:"app.service"|}, UnitCommand.Start, s => s.Service(x => x.ExecStart("/usr/bin/app --v2")))"""),
            Snippets.Units("""units.Service("app.service", s => s.Service(x => x.ExecStart("/usr/bin/app"))).Existing("app.service", UnitCommand.Start)""")
        },
        {
            "CDSL229 for an instance of a template nobody defines",
            Snippets.Units("""units.Existing({|CDSL229:"nginx@8080.service"|}, UnitCommand.Start)"""),
            Snippets.Units("""units.Service("nginx@.service", s => s.Service(x => x.ExecStart("/usr/bin/nginx -p %i"))).Existing("nginx@8080.service", UnitCommand.Start).Existing("nginx@8081.service", UnitCommand.Start)""")
        },
        {
            "CDSL225 for a dependency on an instance of a template nobody defines",
            Snippets.Units("""units.Service("proxy.service", UnitCommand.Start, s => s.Unit(u => u.Requires({|CDSL225:"nginx@8080.service"|})).Service(x => x.ExecStart("/usr/bin/proxy")))"""),
            Snippets.Units("""units.Service("nginx@.service", s => s.Service(x => x.ExecStart("/usr/bin/nginx -p %i"))).Service("proxy.service", UnitCommand.Start, s => s.Unit(u => u.Requires("nginx@8080.service").After("nginx@8080.service")).Service(x => x.ExecStart("/usr/bin/proxy")))""")
        },
        {
            "CDSL229",
            Snippets.Units("""units.Existing({|CDSL229:"fleet.service"|}, UnitCommand.Start)"""),
            Snippets.Units("""units.Existing("docker.service", UnitCommand.Start).Existing("getty@tty1.service", UnitCommand.Start)""")
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheReferenceIsFlaggedAndTheFixedWorkerIsNot(string rule, string failing, string fixedSnippet)
    {
        _ = rule;
        AnalyzerHarness.Verify(failing);
        AnalyzerHarness.Verify(fixedSnippet);
    }

    /// <summary>
    /// coreos-cloudinit applies every entry of one name in order, so the rules see the unit they leave behind: the
    /// content of one entry, the start command of another, and the drop-ins of all.
    /// </summary>
    [Fact]
    public void EntriesOfOneUnitAreCheckedAsTheUnitTheyMakeTogether()
    {
        // A stock unit started in one entry and given its options by a drop-in in another (etcd and docker setups).
        AnalyzerHarness.Verify(Snippets.Units(
            $$"""units.Existing("docker.service", {{Start}}).Add(e => e.Name("docker.service").DropIns(d => d.Add(x => x.Name("50-insecure-registry.conf").Content("[Service]\nEnvironment=DOCKER_OPTS=--insecure-registry=10.0.0.0/8\n"))))"""));

        // A oneshot unit written in one entry and given a second command by a drop-in in another: oneshot services
        // may have several (judged alone, the drop-in entry would look like a second ExecStart= of a stock unit).
        AnalyzerHarness.Verify(Snippets.Units(
            $$"""units.Service("setup.service", s => s.Service(x => x.Type(ServiceType.Oneshot).ExecStart("/usr/bin/setup"))).Add(e => e.Name("setup.service").Command(UnitCommand.Start).DropIns(d => d.Add(x => x.Name("10-more.conf").Content("[Service]\nExecStart=/usr/bin/setup --more\n"))))"""));

        // The same drop-in on a simple service adds a second command: flagged where the drop-in says it.
        AnalyzerHarness.Verify(Snippets.Units(
            $$"""units.Service("app.service", s => s.Service(x => x.ExecStart("/usr/bin/app"))).Add(e => e.Name("app.service").Command(UnitCommand.Start).DropIns(d => d.Add(x => x.Name("10-more.conf").Content({|CDSL242:"[Service]\nExecStart=/usr/bin/app --more\n"|}))))"""));
    }

    /// <summary>
    /// A typed drop-in (<c>e.DropIn("10-more.conf", d =&gt; d.Service(...))</c>) is read like a unit's typed lines: its
    /// values are checked as literals, and its lines join the unit's for the rules, as raw drop-in text does.
    /// </summary>
    [Fact]
    public void TypedDropInsAreCheckedWithTheirUnit()
    {
        AnalyzerHarness.Verify(Snippets.Units(
            $$"""units.Service("setup.service", s => s.Service(x => x.Type(ServiceType.Oneshot).ExecStart("/usr/bin/setup"))).Add(e => e.Name("setup.service").Command(UnitCommand.Start).DropIn("10-more.conf", d => d.Service(x => x.ExecStart("/usr/bin/setup --more"))))"""));

        // On a simple service the drop-in's second command is flagged at its value, as in raw drop-in text.
        AnalyzerHarness.Verify(Snippets.Units(
            $$"""units.Service("app.service", s => s.Service(x => x.ExecStart("/usr/bin/app"))).Add(e => e.Name("app.service").Command(UnitCommand.Start).DropIn("10-more.conf", d => d.Service(x => x.ExecStart({|CDSL242:"/usr/bin/app --more"|}))))"""));

        var badCalendar = AnalyzerHarness.Compile(Snippets.Units(
            $$"""units.Timer("backup.timer", t => t.Timer(x => x.OnCalendar("daily"))).Add(e => e.Name("backup.timer").DropIn("10-when.conf", d => d.Timer(x => x.OnCalendar("*-*-* 25:00:00"))))"""));
        var calendar = Assert.Single(badCalendar.AnalyzerDiagnostics, d => d.Id == "CDSL201");
        Assert.Equal("\"*-*-* 25:00:00\"", calendar.Location.SourceTree!.GetText().ToString(calendar.Location.SourceSpan));
    }

    /// <summary>Every directive that names another unit is followed, in [Unit] and in [Install].</summary>
    [Theory]
    [InlineData("Unit", "Requires")]
    [InlineData("Unit", "Wants")]
    [InlineData("Unit", "Requisite")]
    [InlineData("Unit", "BindsTo")]
    [InlineData("Unit", "PartOf")]
    [InlineData("Unit", "After")]
    [InlineData("Unit", "Before")]
    [InlineData("Unit", "Conflicts")]
    [InlineData("Unit", "OnFailure")]
    [InlineData("Install", "WantedBy")]
    [InlineData("Install", "RequiredBy")]
    public void EveryReferenceDirectiveIsFollowed(string section, string directive)
    {
        var (missing, existing) = section == "Unit" ? ("ghost.service", "helper.service") : ("ghost.target", "multi-user.target");
        string Worker(string reference) => Snippets.Units(
            $$"""units.Service("app.service", s => s.Service(x => x.ExecStart("/usr/bin/app")).{{section}}(u => u.{{directive}}({{reference}})))"""
            + """.Service("helper.service", s => s.Service(x => x.ExecStart("/usr/bin/helper")))""");

        AnalyzerHarness.Verify(Worker($$"""{|CDSL220:"{{missing}}"|}"""));
        AnalyzerHarness.Verify(Worker($"\"{existing}\""));
    }

    [Fact]
    public void ATimersUnitIsFollowed()
    {
        AnalyzerHarness.Verify(Snippets.Units(
            $$"""units.Timer("report.timer", {{Start}}, t => t.Timer(x => x.OnCalendar("daily").Unit({|CDSL221:"reporter.service"|}))).Service("report.service", s => s.Service(x => x.Type(ServiceType.Oneshot).ExecStart("/usr/bin/report")))"""));
        AnalyzerHarness.Verify(Snippets.Units(
            $$"""units.Timer("report.timer", {{Start}}, t => t.Timer(x => x.OnCalendar("daily").Unit("reporter.service"))).Service("reporter.service", s => s.Service(x => x.Type(ServiceType.Oneshot).ExecStart("/usr/bin/report")))"""));
    }

    [Fact]
    public void TheMessageNamesTheUnitTheDirectiveAndTheTargetOs()
    {
        var compiled = AnalyzerHarness.Verify(Snippets.Units(
            """units.Service("app.service", s => s.Unit(u => u.Wants({|CDSL220:"metrics.service"|})).Service(x => x.ExecStart("/usr/bin/app")))"""));

        Assert.Equal(
            "'metrics.service' (Wants= of app.service) is neither defined in this worker nor a stock unit of Flatcar Container Linux; define it, or correct the name",
            Assert.Single(compiled.AnalyzerDiagnostics).GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void TheTargetOsPropertyChoosesTheStockUnits()
    {
        var fleet = Snippets.Units("""units.Existing("fleet.service", UnitCommand.Start).Service("app.service", UnitCommand.Start, s => s.Unit(u => u.Requires("etcd2.service")).Service(x => x.ExecStart("/usr/bin/app")))""");

        AnalyzerHarness.Verify(fleet, new ProjectSettings(TargetOs: "coreos"));
        AnalyzerHarness.Verify(Snippets.Units("""units.Existing({|CDSL229:"fleet.service"|}, UnitCommand.Start).Service("app.service", UnitCommand.Start, s => s.Unit(u => u.Requires({|CDSL225:"etcd2.service"|})).Service(x => x.ExecStart("/usr/bin/app")))"""),
            new ProjectSettings(TargetOs: "flatcar"));
    }

    [Fact]
    public void AnUnknownTargetOsIsReportedAndFlatcarIsUsed()
    {
        var compiled = AnalyzerHarness.Verify(Snippets.Units("""units.Existing({|CDSL229:"fleet.service"|}, UnitCommand.Start)"""),
            new ProjectSettings(TargetOs: "fedora"));

        var d = Assert.Single(compiled.CompilerDiagnostics, d => d.Id == "CDSL004");
        Assert.Equal("CoreosDslTargetOs is 'fedora', not flatcar or coreos; using flatcar", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void StatementLambdasAndTemplatesAreFollowed()
    {
        AnalyzerHarness.Verify(Snippets.Units("""
            {
                units.Service("worker@.service", s => s.Service(x => x.ExecStart("/usr/bin/worker %i")));
                units.Service("pool.service", UnitCommand.Start, s => s
                    .Unit(u => u.Requires("worker@1.service", "worker@2.service", "serial-getty@ttyS0.service"))
                    .Service(x => x.Type(ServiceType.Oneshot).ExecStart("/bin/true")));
                units.Service("other.service", UnitCommand.Start, s => s.Unit(u => u.Requires({|CDSL225:"helper@1.service"|})).Service(x => x.ExecStart("/bin/true")));
            }
            """));
    }

    [Fact]
    public void TypedHandlesInLocalsAreUnitsOfTheWorkerOnlyWhenAdded()
    {
        AnalyzerHarness.Verify("""
            public static class Snippet
            {
                public static WorkerDefinition Define()
                {
                    var updateEngine = Units.Service("update-engine-2.service", s => s.Service(x => x.Type(ServiceType.Dbus).BusName("com.coreos.update1").ExecStart("/usr/sbin/update_engine")));
                    var notAdded = Units.Service("not-added.service", s => s.Service(x => x.ExecStart("/bin/true")));
                    return Worker.Define("worker", w => w.Coreos(c => c.Units(units => units
                        .Add(updateEngine, UnitCommand.Start)
                        .Service("locksmithd.service", UnitCommand.Start, s => s
                            .Unit(u => u.Requires(updateEngine).After(updateEngine).Wants({|CDSL220:notAdded|}))
                            .Service(x => x.ExecStart("/usr/lib/locksmith/locksmithd"))))));
                }
            }
            """);
    }

    [Fact]
    public void TypedHandlesInFieldsAndPropertiesOfOtherFilesAreFollowed()
    {
        const string shared = """
            public static class Shared
            {
                public static readonly UnitFile Database = Units.Service("db.service", s => s.Service(x => x.ExecStart("/usr/bin/db")));
                public static UnitFile Web => Units.Service("web.service", s => s
                    .Unit(u => u.Requires(Database).Requires({|CDSL225:"cache.service"|}))
                    .Service(x => x.ExecStart("/usr/bin/web")));
            }
            """;
        var (sharedSource, expected) = Markup.Parse(shared);

        var compiled = AnalyzerHarness.Compile(ProjectSettings.Default, Snippets.Units($"units.Add(Shared.Database, {Start}).Add(Shared.Web, {Start})"), sharedSource);

        // The finding points at the value in the shared class, where the mistake is written.
        Assert.Empty(compiled.CompilerErrors);
        var d = Assert.Single(compiled.AnalyzerDiagnostics);
        Assert.Equal("CDSL225", d.Id);
        Assert.Equal(("User1.cs", expected[0].Start, expected[0].Length), (d.Location.SourceTree?.FilePath, d.Location.SourceSpan.Start, d.Location.SourceSpan.Length));
        Assert.Contains("'web.service' is started (command: start) but its Requires= names 'cache.service'", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void UnitsAddedByCodeTheAnalyzerDoesNotFollowSilenceTheMissingUnitRules()
    {
        AnalyzerHarness.Verify(Snippets.Units(
            """AddDatabase(units).Service("web.service", UnitCommand.Start, s => s.Unit(u => u.Requires("db.service")).Service(x => x.ExecStart("/usr/bin/web")))""",
            members: """
                private static CoreosUnitsBuilder AddDatabase(CoreosUnitsBuilder units) =>
                    units.Service("db.service", s => s.Service(x => x.ExecStart("/usr/bin/db")));
            """));
    }

    [Fact]
    public void EntriesBuiltFieldByFieldAreUnitsToo()
    {
        AnalyzerHarness.Verify(Snippets.Units("""
            units
                .Add(u => u.Name("db.service").Content("[Service]\nExecStart=/usr/bin/db\n"))
                .Add(u => u.Name("web.service").Command(UnitCommand.Start).Content({|CDSL225:"[Unit]\nRequires=db.service cache.service\n[Service]\nExecStart=/usr/bin/web\n"|}))
            """));
    }

    [Fact]
    public void EachWorkerOfAFleetIsCheckedOnItsOwn()
    {
        AnalyzerHarness.Verify("""
            public static class Snippet
            {
                public static IEnumerable<WorkerDefinition> Fleet() => Enumerable.Range(1, 3).Select(i => Worker.Define($"worker-{i}", w => w
                    .Hostname($"worker-{i}")
                    .Coreos(c => c.Units(units => units
                        .Service("app.service", UnitCommand.Start, s => s.Unit(u => u.Requires({|CDSL225:"db.service"|})).Service(x => x.ExecStart("/usr/bin/app")))))));
            }
            """);
    }
}
