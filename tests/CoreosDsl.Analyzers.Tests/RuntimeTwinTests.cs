using CoreosDsl.Analyzers.Tests.Support;
using CoreosDsl.CloudConfig;

namespace CoreosDsl.Analyzers.Tests;

/// <summary>
/// <c>worker.Validate()</c> runs the analyzers' rules on the built worker: the same snippet, compiled with the
/// analyzers and then run, gets the same IDs and messages from both; values computed at run time escape the
/// analyzers and are caught by Validate() alone.
/// </summary>
public class RuntimeTwinTests
{
    private static IEnumerable<(string Id, string Message)> AnalyzerFindings(CompiledSnippet compiled) =>
        compiled.AnalyzerDiagnostics.Select(d => (d.Id, Message: d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))).OrderBy(f => f.Id, StringComparer.Ordinal).ThenBy(f => f.Message, StringComparer.Ordinal);

    private static IEnumerable<(string Id, string Message)> RuntimeFindings(WorkerDefinition worker, CloudConfigDialect dialect = CloudConfigDialect.Flatcar) =>
        worker.Validate(dialect).Where(d => d.Id.StartsWith("CDSL2", StringComparison.Ordinal)).Select(d => (d.Id, d.Message)).OrderBy(f => f.Id, StringComparer.Ordinal).ThenBy(f => f.Message, StringComparer.Ordinal);

    [Fact]
    public void TheSameLiteralsGetTheSameIdsAndMessagesFromTheAnalyzersAndFromValidate()
    {
        var compiled = AnalyzerHarness.Verify("""
            public static class Snippet
            {
                public static WorkerDefinition Define() => Worker.Define("worker", w => w
                    .Hostname({|CDSL212:"worker_1"|})
                    .SshAuthorizedKeys({|CDSL210:"ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIA== me@example.com"|})
                    .Coreos(c => c
                        .Update(u => u.Server({|CDSL211:"update.example.com"|}))
                        .Units(units => units
                            .Service("app.service", UnitCommand.Start, s => s
                                .Unit(u => u.Requires({|CDSL225:"db.service"|}).Wants({|CDSL220:"metrics.service"|}))
                                .Service(x => x.Type(ServiceType.Oneshot).ExecStart("/usr/bin/app").Restart({|CDSL226:ServiceRestart.Always|})))
                            .Timer({|CDSL221:"report.timer"|}, UnitCommand.Start, t => t.Timer(x => x.OnCalendar("daily")))
                            .Mount({|CDSL222:"docker.mount"|}, UnitCommand.Start, m => m.Mount(x => x.What("LABEL=DOCKER").Where("/var/lib/docker")))
                            .Raw("export.service", {|CDSL202:"[Service]\nType=oneshot\nExecStart=/usr/bin/export\nTimeoutStartSec=forever\n"|})
                            .Raw("import.service", {|CDSL214:"[Service]\nExecStart=/usr/bin/import\nRemainAfterExit=maybe\n"|})
                            .Raw("nice.service", {|CDSL214:"[Service]\nExecStart=/usr/bin/nice\nNice=20\n"|})
                            .Existing({|CDSL229:"fleet.service"|}, UnitCommand.Start))))
                    .WithConfigUrl(new Uri({|CDSL211:"ftp://config.example.com/worker.yml"|}));
            }
            """);

        var runtime = RuntimeFindings(SnippetRunner.Define(compiled)).ToList();

        Assert.Equal(13, runtime.Count);
        Assert.Equal(AnalyzerFindings(compiled), runtime);
    }

    [Fact]
    public void ValuesComputedAtRunTimeAreCaughtByValidateOnly()
    {
        var compiled = AnalyzerHarness.Verify("""
            public static class Snippet
            {
                public static WorkerDefinition Define()
                {
                    var database = string.Concat("db", ".service");
                    var host = string.Join("_", "worker", "1");
                    var restart = Enum.Parse<ServiceRestart>("Always");
                    return Worker.Define("worker", w => w
                        .Hostname(host)
                        .Coreos(c => c.Units(units => units
                            .Service("app.service", UnitCommand.Start, s => s
                                .Unit(u => u.Requires(database))
                                .Service(x => x.Type(ServiceType.Oneshot).ExecStart("/usr/bin/app").Restart(restart))))));
                }
            }
            """);

        var runtime = RuntimeFindings(SnippetRunner.Define(compiled)).ToList();

        Assert.Empty(compiled.AnalyzerDiagnostics);
        Assert.Equal(["CDSL212", "CDSL225", "CDSL226"], runtime.Select(f => f.Id));
        Assert.Contains(runtime, f => f.Message == "'app.service' is started (command: start) but its Requires= names 'db.service', which is neither defined in this worker nor a stock unit of Flatcar Container Linux, so starting 'app.service' fails; define 'db.service', or correct the name");
    }

    [Fact]
    public void ValidateNamesWhereAFindingIs()
    {
        var worker = Worker.Define("worker", w => w
            .Hostname(string.Concat("bad", "_name"))
            .Coreos(c => c.Units(u => u.Raw("app.service", "[Unit]\nRequires=db.service\n[Service]\nExecStart=/usr/bin/app\n", UnitCommand.Start))));

        var findings = worker.Validate().Where(d => d.Id.StartsWith("CDSL2", StringComparison.Ordinal)).ToList();

        Assert.Equal(["cloud-config hostname", "app.service [Unit] Requires="], findings.Select(f => f.Where));
        Assert.Equal([WorkerDiagnosticSeverity.Error, WorkerDiagnosticSeverity.Error], findings.Select(f => f.Severity));
    }

    [Fact]
    public void TheDialectChoosesTheStockUnits()
    {
        var worker = Worker.Define("worker", w => w.Coreos(c => c.Units(u => u
            .Existing("fleet.service", UnitCommand.Start)
            .Raw("app.service", "[Unit]\nRequires=etcd2.service\n[Service]\nExecStart=/usr/bin/app\n", UnitCommand.Start))));

        Assert.Empty(RuntimeFindings(worker, CloudConfigDialect.CoreOS));
        Assert.Equal(["CDSL225", "CDSL229"], RuntimeFindings(worker, CloudConfigDialect.Flatcar).Select(f => f.Id));
    }

    [Fact]
    public void DropInsCountAsPartOfTheirUnit()
    {
        var worker = Worker.Define("worker", w => w.Coreos(c => c.Units(u => u
            .Raw("app.service", "[Service]\nExecStart=/usr/bin/app\n", UnitCommand.Start)
            .Add(e => e.Name("docker.service").Command(UnitCommand.Start).DropIns(d => d.Add(x => x.Name("10-extra.conf").Content("[Service]\nExecStart=\nExecStart=/usr/bin/extra\n")))))));

        Assert.Empty(RuntimeFindings(worker));

        var broken = Worker.Define("worker", w => w.Coreos(c => c.Units(u => u
            .Add(e => e.Name("app.service").Command(UnitCommand.Start).Content("[Service]\nExecStart=/usr/bin/app\n")
                .DropIns(d => d.Add(x => x.Name("10-extra.conf").Content("[Service]\nExecStart=/usr/bin/extra\n")))))));
        Assert.Equal(["CDSL242"], RuntimeFindings(broken).Select(f => f.Id));
    }

    [Fact]
    public void EnvironmentWrittenByTheTypedBuildersOrByHandPassesBoth()
    {
        var compiled = AnalyzerHarness.Verify("""
            public static class Snippet
            {
                public static WorkerDefinition Define() => Worker.Define("worker", w => w
                    .Coreos(c => c.Units(units => units
                        .Service("app.service", UnitCommand.Start, s => s
                            .Service(x => x.ExecStart("/usr/bin/app").Environment("GREETING", "hi").Environment("MOTTO", "a b \"c\"")
                                .Environment(new EnvironmentAssignment("A", "1"), new EnvironmentAssignment("B", "50%"))))
                        .Raw("raw.service", "[Service]\nExecStart=/usr/bin/raw\nEnvironment=\"GREETING=hello world\" PATH=/usr/bin:/bin\n", UnitCommand.Start)
                        .Existing("docker.service", UnitCommand.Start, u => u.DropIns(d => d.Add(x => x.Name("10-env.conf").Content("[Service]\nEnvironment=DOCKER_OPTS=--debug 'HTTP_PROXY=http://proxy:3128'\n")))))));
            }
            """);

        Assert.Empty(compiled.AnalyzerDiagnostics);
        Assert.Empty(RuntimeFindings(SnippetRunner.Define(compiled)));
    }

    [Fact]
    public void AnEnvironmentNameThatIsWrongInRawTextIsFoundByBoth()
    {
        var compiled = AnalyzerHarness.Verify(Snippets.Units(
            """units.Raw("app.service", {|CDSL208:"[Service]\nExecStart=/usr/bin/app\nEnvironment=GOOD=1 BAD-NAME=2\n"|}, UnitCommand.Start)"""));

        var finding = Assert.Single(RuntimeFindings(SnippetRunner.Define(compiled)));
        Assert.Equal("CDSL208", finding.Id);
        Assert.Contains("\"BAD-NAME\" at column 8 is not an environment variable name", finding.Message, StringComparison.Ordinal);
        Assert.Equal(AnalyzerFindings(compiled), [finding]);
    }

    [Fact]
    public void RepeatedEntriesAreAppliedInOrderAndOnlyTwoContentsConflict()
    {
        // One entry writes the unit, another adds a drop-in and starts it: what coreos-cloudinit users do.
        var worker = Worker.Define("worker", w => w.Coreos(c => c.Units(u => u
            .Raw("app.service", "[Service]\nExecStart=/usr/bin/app\n")
            .Add(e => e.Name("app.service").Command(UnitCommand.Start).DropIns(d => d.Add(x => x.Name("10-env.conf").Content("[Service]\nEnvironment=A=1\n")))))));
        Assert.Empty(RuntimeFindings(worker));

        // The merged unit is what the unit rules see: the drop-in's ExecStart= without a reset is a second command.
        var broken = Worker.Define("worker", w => w.Coreos(c => c.Units(u => u
            .Raw("app.service", "[Service]\nExecStart=/usr/bin/app\n")
            .Add(e => e.Name("app.service").Command(UnitCommand.Start).DropIns(d => d.Add(x => x.Name("10-more.conf").Content("[Service]\nExecStart=/usr/bin/more\n")))))));
        Assert.Equal(["CDSL242"], RuntimeFindings(broken).Select(f => f.Id));

        var twoContents = Worker.Define("worker", w => w.Coreos(c => c.Units(u => u
            .Raw("app.service", "[Service]\nExecStart=/usr/bin/app\n")
            .Raw("app.service", "[Service]\nExecStart=/usr/bin/app --v2\n", UnitCommand.Start))));
        var finding = Assert.Single(twoContents.Validate(), d => d.Id.StartsWith("CDSL2", StringComparison.Ordinal));
        Assert.Equal(("CDSL223", WorkerDiagnosticSeverity.Warning), (finding.Id, finding.Severity));
    }

    [Fact]
    public void ADropInEntryOfAOneshotUnitMayAddACommand()
    {
        // Judged alone, the second entry looks like a drop-in adding ExecStart= to a unit that has one; merged with the
        // first it belongs to a oneshot service, which may have several.
        var worker = Worker.Define("worker", w => w.Coreos(c => c.Units(u => u
            .Raw("setup.service", "[Service]\nType=oneshot\nExecStart=/usr/bin/setup\n")
            .Add(e => e.Name("setup.service").Command(UnitCommand.Start).DropIns(d => d.Add(x => x.Name("10-more.conf").Content("[Service]\nExecStart=/usr/bin/setup --more\n")))))));
        Assert.Empty(RuntimeFindings(worker));

        // And a drop-in entry can make the merged unit one systemd refuses: Restart=always on a oneshot service.
        var refused = Worker.Define("worker", w => w.Coreos(c => c.Units(u => u
            .Raw("setup.service", "[Service]\nType=oneshot\nExecStart=/usr/bin/setup\n")
            .Add(e => e.Name("setup.service").Command(UnitCommand.Start).DropIns(d => d.Add(x => x.Name("20-restart.conf").Content("[Service]\nRestart=always\n")))))));
        var finding = Assert.Single(refused.Validate(), d => d.Id.StartsWith("CDSL2", StringComparison.Ordinal));
        Assert.Equal(("CDSL226", "setup.service.d/20-restart.conf [Service] Restart="), (finding.Id, finding.Where));
    }

    [Fact]
    public void InstancesOfTheWorkersOwnTemplatesAreDefined()
    {
        var worker = Worker.Define("worker", w => w.Coreos(c => c.Units(u => u
            .Raw("nginx@.service", "[Service]\nExecStart=/usr/bin/nginx -p %i\n")
            .Existing("nginx@8080.service", UnitCommand.Start)
            .Raw("proxy.service", "[Unit]\nRequires=nginx@8080.service\n[Service]\nExecStart=/usr/bin/proxy\n", UnitCommand.Start))));
        Assert.Empty(RuntimeFindings(worker));
    }
}
