using CoreosDsl.Analyzers.Tests.Support;

namespace CoreosDsl.Analyzers.Tests;

/// <summary>
/// The certain fixes, applied in an AdhocWorkspace and compared with the expected source: a deprecated directive
/// that systemd reads as another one is renamed (CDSL101), a mount unit is named after its Where= (CDSL222), a
/// literal % is doubled (CDSL207). Fixed sources compile without the diagnostic.
/// </summary>
public class CodeFixTests
{
    [Theory]
    [InlineData(
        """Units.Service("a.service", s => s.Unit(u => u.BindTo("docker.service")).Service(x => x.ExecStart("/bin/true")))""",
        """Units.Service("a.service", s => s.Unit(u => u.BindsTo("docker.service")).Service(x => x.ExecStart("/bin/true")))""",
        "Use BindsTo= instead of BindTo=")]
    [InlineData(
        """Units.Service("a.service", s => s.Unit(u => u.StartLimitInterval(TimeSpan.FromMinutes(1))).Service(x => x.ExecStart("/bin/true")))""",
        """Units.Service("a.service", s => s.Unit(u => u.StartLimitIntervalSec(TimeSpan.FromMinutes(1))).Service(x => x.ExecStart("/bin/true")))""",
        "Use StartLimitIntervalSec= instead of StartLimitInterval=")]
    [InlineData(
        """Units.Service("a.service", s => s.Unit(u => u.Description("x").RequiresOverridable("docker.service")).Service(x => x.ExecStart("/bin/true")))""",
        """Units.Service("a.service", s => s.Unit(u => u.Description("x").Requires("docker.service")).Service(x => x.ExecStart("/bin/true")))""",
        "Use Requires= instead of RequiresOverridable=")]
    [InlineData(
        """Units.Service("a.service", s => s.Service(x => x.ExecStart("/bin/true").ReadWriteDirectories("/var/lib/a")))""",
        """Units.Service("a.service", s => s.Service(x => x.ExecStart("/bin/true").ReadWritePaths("/var/lib/a")))""",
        "Use ReadWritePaths= instead of ReadWriteDirectories=")]
    public async Task ARenamedDirectiveIsCalledByItsCurrentName(string before, string after, string title)
    {
        var (result, actionTitle) = await CodeFixHarness.ApplyAsync(Snippets.Unit(before), "CDSL101");

        Assert.Equal(Snippets.Unit(after), result);
        Assert.Equal(title, actionTitle);
        Assert.DoesNotContain(AnalyzerHarness.Compile(result!).All, d => d.Id == "CDSL101");
    }

    [Fact]
    public async Task ARenameAcrossLinesKeepsTheLayout()
    {
        var before = Snippets.Unit("""
            Units.Service("a.service", s => s
                    .Unit(u => u
                        .Description("x")
                        .BindTo("docker.service"))
                    .Service(x => x.ExecStart("/bin/true")))
            """);

        var (result, _) = await CodeFixHarness.ApplyAsync(before, "CDSL101");

        Assert.Equal(before.Replace(".BindTo(", ".BindsTo(", StringComparison.Ordinal), result);
    }

    [Theory]
    [InlineData("""Units.Service("a.service", s => s.Service(x => x.ExecStart("/bin/true").CPUShares(512)))""")]
    [InlineData("""Units.Service("a.service", s => s.Service(x => x.ExecStart("/bin/true").MemoryLimit(ByteSize.MiB(32))))""")]
    public async Task ADeprecationWithADifferentMeaningGetsNoFix(string source)
    {
        var (result, _) = await CodeFixHarness.ApplyAsync(Snippets.Unit(source), "CDSL101");

        Assert.Null(result);
    }

    [Fact]
    public async Task AMountUnitIsNamedAfterItsWhere()
    {
        var (result, title) = await CodeFixHarness.ApplyAsync(
            Snippets.Unit("""Units.Mount("docker.mount", m => m.Mount(x => x.What("LABEL=DOCKER").Where("/var/lib/docker").Type("btrfs")))"""), "CDSL222");

        Assert.Equal(Snippets.Unit("""Units.Mount("var-lib-docker.mount", m => m.Mount(x => x.What("LABEL=DOCKER").Where("/var/lib/docker").Type("btrfs")))"""), result);
        Assert.Equal("Rename the unit to 'var-lib-docker.mount'", title);
        Assert.Empty(AnalyzerHarness.Compile(result!).AnalyzerDiagnostics);
    }

    [Fact]
    public async Task AMountNameWithEscapesIsWrittenAsACSharpString()
    {
        var (result, _) = await CodeFixHarness.ApplyAsync(
            Snippets.Units("""units.Mount("data.mount", UnitCommand.Start, m => m.Mount(x => x.What("/dev/sdb").Where("/srv/my-data")))"""), "CDSL222");

        Assert.Equal(Snippets.Units("""units.Mount("srv-my\\x2ddata.mount", UnitCommand.Start, m => m.Mount(x => x.What("/dev/sdb").Where("/srv/my-data")))"""), result);
        Assert.Empty(AnalyzerHarness.Compile(result!).AnalyzerDiagnostics);
    }

    [Theory]
    [InlineData("""x.ExecStart("/bin/echo 50%x done")""", """x.ExecStart("/bin/echo 50%%x done")""")]
    [InlineData("""x.ExecStart("/usr/bin/date +%Y-%m-%k")""", """x.ExecStart("/usr/bin/date +%Y-%m-%%k")""")] // %Y and %m are specifiers
    [InlineData("""x.ExecStart("/bin/true").Environment("PROGRESS", "100%").SyslogIdentifier("app%z")""", """x.ExecStart("/bin/true").Environment("PROGRESS", "100%").SyslogIdentifier("app%%z")""")]
    public async Task ALiteralPercentIsDoubled(string before, string after)
    {
        string Unit(string calls) => Snippets.Unit($$"""Units.Service("a.service", s => s.Service(x => {{calls}}))""");

        var (result, title) = await CodeFixHarness.ApplyAsync(Unit(before), "CDSL207");

        Assert.Equal(Unit(after), result);
        Assert.Equal("Write %% for a literal percent sign", title);
        Assert.Empty(AnalyzerHarness.Compile(result!).AnalyzerDiagnostics);
    }

    [Fact]
    public async Task NoFixWhenDoublingWouldNotMakeTheValueValid()
    {
        // In a unit name "%%t" is a literal '%', which unit names cannot hold: there is no certain fix.
        var (result, _) = await CodeFixHarness.ApplyAsync(
            Snippets.Unit("""Units.Service("a.service", s => s.Unit(u => u.After("%t.service")))"""), "CDSL207");

        Assert.Null(result);
    }
}
