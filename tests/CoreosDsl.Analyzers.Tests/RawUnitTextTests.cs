using CoreosDsl.Analyzers.Tests.Support;

namespace CoreosDsl.Analyzers.Tests;

/// <summary>
/// Raw unit text and drop-ins: unknown directives and sections (CDSL240, 241) with a suggestion, a drop-in that adds
/// a second ExecStart= (CDSL242), sockets and automounts without the unit they activate (CDSL221); the runtime twin
/// reports the same IDs and messages. Each verdict was checked with systemd-analyze verify first.
/// </summary>
public class RawUnitTextTests
{
    private const string Start = "UnitCommand.Start";

    private static string Message(CompiledSnippet compiled) =>
        Assert.Single(compiled.AnalyzerDiagnostics).GetMessage(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void AMisspelledDirectiveIsFlaggedWithASuggestion()
    {
        var compiled = AnalyzerHarness.Verify(Snippets.Units(
            """units.Raw("app.service", {|CDSL240:"[Service]\nExecStrat=/usr/bin/app\nExecStart=/usr/bin/app\n"|})"""));

        Assert.Equal("[Service] ExecStrat= is not a directive of [Service]; did you mean ExecStart=?; systemd ignores it", Message(compiled));
    }

    [Fact]
    public void ANumberOutOfItsRangeAndALimitInRawTextAreFlaggedLikeBuilderArguments()
    {
        var compiled = AnalyzerHarness.Verify(Snippets.Units(
            """units.Raw("app.service", {|CDSL214:"[Service]\nExecStart=/usr/bin/app\nNice=20\nLimitNOFILE=1024:65536\n"|})"""));

        Assert.Equal("[Service] Nice=: 20 is out of range: systemd accepts -20 to 19 here and ignores other values", Message(compiled));
        AnalyzerHarness.Verify(Snippets.Units("""units.Raw("app.service", "[Service]\nExecStart=/usr/bin/app\nNice=-5\nLimitNOFILE=1024:65536\n")"""));
    }

    [Fact]
    public void TheCaseOfADirectiveMatters()
    {
        var compiled = AnalyzerHarness.Verify(Snippets.Units(
            """units.Raw("app.service", {|CDSL240:"[Service]\nexecstart=/usr/bin/app\nExecStart=/usr/bin/app\n"|})"""));

        Assert.Contains("did you mean ExecStart=?", Message(compiled), StringComparison.Ordinal);
    }

    [Fact]
    public void AMisspelledSectionIsFlaggedWithASuggestion()
    {
        var compiled = AnalyzerHarness.Verify(Snippets.Units(
            """units.Raw("app.service", {|CDSL241:"[Service]\nExecStart=/usr/bin/app\n[Servcie]\nRestart=always\n"|})"""));

        Assert.Equal("[Servcie] is not a section of .service units; did you mean [Service]?; systemd ignores the whole section", Message(compiled));
    }

    [Fact]
    public void ASectionOfAnotherUnitTypeIsFlagged()
    {
        AnalyzerHarness.Verify(Snippets.Units(
            """units.Raw("backup.timer", {|CDSL241:"[Timer]\nOnCalendar=daily\n[Service]\nExecStart=/usr/bin/backup\n"|}).Service("backup.service", s => s.Service(x => x.Type(ServiceType.Oneshot).ExecStart("/usr/bin/backup")))"""));
    }

    [Fact]
    public void VendorNamesAreNotFlagged()
    {
        AnalyzerHarness.Verify(Snippets.Units(
            """units.Raw("app.service", "[Unit]\nX-Owner=ops\n[Service]\nExecStart=/usr/bin/app\n[X-Fleet]\nMachineOf=db.service\n")"""));
    }

    [Fact]
    public void DropInsAreCheckedAgainstTheSectionsOfTheirUnit()
    {
        AnalyzerHarness.Verify(Snippets.Units(
            $$"""units.Existing("docker.service", {{Start}}, e => e.DropIns(d => d.Add(x => x.Name("10-env.conf").Content({|CDSL240:"[Service]\nEnviroment=DOCKER_OPTS=--debug\n"|}))))"""));
    }

    [Fact]
    public void ADropInThatAddsASecondExecStartIsFlagged()
    {
        AnalyzerHarness.Verify(Snippets.Units(
            $$"""units.Existing("docker.service", {{Start}}, e => e.DropIns(d => d.Add(x => x.Name("10-opts.conf").Content({|CDSL242:"[Service]\nExecStart=/usr/bin/dockerd --debug\n"|}))))"""));
        AnalyzerHarness.Verify(Snippets.Units(
            $$"""units.Existing("docker.service", {{Start}}, e => e.DropIns(d => d.Add(x => x.Name("10-opts.conf").Content("[Service]\nExecStart=\nExecStart=/usr/bin/dockerd --debug\n"))))"""));
    }

    [Fact]
    public void ADropInOnAUnitDefinedThroughAHandleIsChecked()
    {
        AnalyzerHarness.Verify(Snippets.Units(
            $$"""units.Add(App, {{Start}}, e => e.DropIns(d => d.Add(x => x.Name("10-debug.conf").Content({|CDSL242:"[Service]\nExecStart=/usr/bin/app --debug\n"|}))))""",
            members: """    private static UnitFile App { get; } = Units.Service("app.service", s => s.Service(x => x.ExecStart("/usr/bin/app")));"""));
        AnalyzerHarness.Verify(Snippets.Units(
            $$"""units.Add(App, {{Start}}, e => e.DropIns(d => d.Add(x => x.Name("10-debug.conf").Content("[Service]\nExecStartPre=/usr/bin/prepare\n"))))""",
            members: """    private static UnitFile App { get; } = Units.Service("app.service", s => s.Service(x => x.Type(ServiceType.Oneshot).ExecStart("/usr/bin/app")));"""));
    }

    [Fact]
    public void ASocketNeedsTheServiceItActivates()
    {
        AnalyzerHarness.Verify(Snippets.Units(
            $$"""units.Socket("web.socket", {{Start}}, s => s.Socket(x => x.ListenStream("8080").Service({|CDSL221:"web-server.service"|}))).Service("web.service", s => s.Service(x => x.ExecStart("/usr/bin/web")))"""));
        AnalyzerHarness.Verify(Snippets.Units(
            $$"""units.Socket({|CDSL221:"api.socket"|}, {{Start}}, s => s.Socket(x => x.ListenStream("8081")))"""));
        AnalyzerHarness.Verify(Snippets.Units(
            $$"""units.Socket("web.socket", {{Start}}, s => s.Socket(x => x.ListenStream("8080").Service("web-server.service"))).Service("web-server.service", s => s.Service(x => x.ExecStart("/usr/bin/web")))"""));
        AnalyzerHarness.Verify(Snippets.Units(
            $$"""units.Socket("echo.socket", {{Start}}, s => s.Socket(x => x.ListenStream("7").Accept(true))).Service("echo@.service", s => s.Service(x => x.ExecStart("/usr/bin/cat")))"""));
    }

    [Fact]
    public void AnAutomountNeedsItsMount()
    {
        AnalyzerHarness.Verify(Snippets.Units(
            $$"""units.Automount({|CDSL221:"srv-data.automount"|}, {{Start}}, a => a.Automount(x => x.Where("/srv/data")))"""));
        AnalyzerHarness.Verify(Snippets.Units(
            $$"""units.Automount("srv-data.automount", {{Start}}, a => a.Automount(x => x.Where("/srv/data"))).Mount("srv-data.mount", m => m.Mount(x => x.What("LABEL=DATA").Where("/srv/data")))"""));
    }

    [Fact]
    public void ValidateReportsTheSameIdsAndMessages()
    {
        var compiled = AnalyzerHarness.Verify(Snippets.Units($$"""
            units
                .Raw("app.service", {|CDSL241:"[Servcie]\nExecStart=/usr/bin/app\n[Service]\nExecStart=/usr/bin/app\n"|}, {{Start}})
                .Raw("web.service", {|CDSL240:"[Service]\nExecStrat=/usr/bin/web\nExecStart=/usr/bin/web\n"|})
                .Existing("docker.service", {{Start}}, e => e.DropIns(d => d.Add(x => x.Name("10-opts.conf").Content({|CDSL242:"[Service]\nExecStart=/usr/bin/dockerd --debug\n"|}))))
                .Automount({|CDSL221:"srv-data.automount"|}, a => a.Automount(x => x.Where("/srv/data")))
            """));

        var analyzer = compiled.AnalyzerDiagnostics
            .Select(d => (d.Id, Message: d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))).Order().ToList();
        var runtime = SnippetRunner.Define(compiled).Validate()
            .Where(d => d.Id.StartsWith("CDSL2", StringComparison.Ordinal)).Select(d => (d.Id, d.Message)).Order().ToList();

        Assert.Equal(4, runtime.Count);
        Assert.Equal(analyzer, runtime);
    }
}
