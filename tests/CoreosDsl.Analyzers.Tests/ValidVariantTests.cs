using CoreosDsl.Analyzers.Tests.Support;

namespace CoreosDsl.Analyzers.Tests;

/// <summary>
/// Configurations systemd accepts must build clean, and their near misses must not (each verdict checked with
/// <c>systemd-analyze verify</c> first): units systemd makes without a unit file (devices, slices, scopes,
/// <c>-.mount</c>), the prefixes each directive documents (<c>WorkingDirectory=-/srv</c>, <c>~</c>,
/// <c>ReadOnlyPaths=-+/srv</c>), and user names (<c>User=core</c>, not <c>User=core:core</c>).
/// </summary>
public class ValidVariantTests
{
    private const string Start = "UnitCommand.Start";

    [Theory]
    [InlineData(@"dev-disk-by\\x2dlabel-DOCKER.device")]
    [InlineData("dev-sda.device")]
    [InlineData("-.mount")]
    [InlineData("machine-app.slice")]
    [InlineData("session-1.scope")]
    public void UnitsSystemdMakesWithoutAUnitFileNeedNoDefinition(string name)
    {
        AnalyzerHarness.Verify(Snippets.Units(
            $$"""units.Service("app.service", {{Start}}, s => s.Unit(u => u.Requires("{{name}}").After("{{name}}").BindsTo("{{name}}")).Service(x => x.ExecStart("/usr/bin/app")))"""));
    }

    [Fact]
    public void AMountOtherThanTheRootStillNeedsADefinition()
    {
        AnalyzerHarness.Verify(Snippets.Units(
            $$"""units.Service("app.service", {{Start}}, s => s.Unit(u => u.Requires({|CDSL225:"srv.mount"|})).Service(x => x.ExecStart("/usr/bin/app")))"""));
    }

    [Theory]
    [InlineData("WorkingDirectory", "-/srv/app")]
    [InlineData("WorkingDirectory", "~")]
    [InlineData("WorkingDirectory", "-~")]
    [InlineData("WorkingDirectory", "%h/app")]
    [InlineData("ReadOnlyPaths", "-/srv")]
    [InlineData("ReadOnlyPaths", "+/srv")]
    [InlineData("ReadOnlyPaths", "-+/srv")]
    [InlineData("InaccessiblePaths", "-/home")]
    [InlineData("User", "core")]
    [InlineData("User", "1000")]
    [InlineData("User", "0")]
    [InlineData("Group", "docker")]
    public void DocumentedPrefixesAndNamesAreAccepted(string directive, string value)
    {
        AnalyzerHarness.Verify(Snippets.Unit(
            $$"""Units.Service("a.service", s => s.Service(x => x.ExecStart("/bin/true").{{directive}}("{{value}}")))"""));
        AnalyzerHarness.Verify(Snippets.Units(
            $$"""units.Raw("a.service", "[Service]\nExecStart=/bin/true\n{{directive}}={{value}}\n")"""));
    }

    [Theory]
    [InlineData("WorkingDirectory", "srv/app", "CDSL209")]
    [InlineData("WorkingDirectory", "~/app", "CDSL209")]
    [InlineData("WorkingDirectory", "+/srv", "CDSL209")]
    [InlineData("ReadOnlyPaths", "+-/srv", "CDSL209")]
    [InlineData("User", "core:core", "CDSL214")]
    [InlineData("User", "a/b", "CDSL214")]
    [InlineData("User", "007", "CDSL214")]
    [InlineData("User", "65535", "CDSL214")]
    [InlineData("User", "4294967295", "CDSL214")]
    [InlineData("Group", "core:core", "CDSL214")]
    public void ValuesSystemdRefusesAreFlagged(string directive, string value, string id)
    {
        AnalyzerHarness.Verify(Snippets.Unit(
            $$"""Units.Service("a.service", s => s.Service(x => x.ExecStart("/bin/true").{{directive}}({|{{id}}:"{{value}}"|})))"""));
        AnalyzerHarness.Verify(Snippets.Units(
            $$"""units.Raw("a.service", {|{{id}}:"[Service]\nExecStart=/bin/true\n{{directive}}={{value}}\n"|})"""));
    }

    [Fact]
    public void RequiresMountsForTakesNoPrefix()
    {
        AnalyzerHarness.Verify(Snippets.Unit(
            """Units.Service("a.service", s => s.Unit(u => u.RequiresMountsFor({|CDSL209:"-/srv"|})).Service(x => x.ExecStart("/bin/true")))"""));
    }

    [Fact]
    public void TheBuildersAndValidateAgreeWithTheAnalyzers()
    {
        var compiled = AnalyzerHarness.Verify(Snippets.Units($$"""
            units
                .Service("app.service", {{Start}}, s => s
                    .Unit(u => u.Requires(@"dev-disk-by\x2dlabel-DOCKER.device").After("-.mount"))
                    .Service(x => x.ExecStart("/bin/true").WorkingDirectory("-~").ReadOnlyPaths("-+/srv", "/etc").User("core")))
                .Raw("raw.service", {|CDSL214:"[Service]\nExecStart=/bin/true\nUser=core:core\n"|})
            """));

        var worker = SnippetRunner.Define(compiled);

        var app = worker.UnitContents().Single(u => u.Name == "app.service").Content;
        Assert.Contains("WorkingDirectory=-~\n", app, StringComparison.Ordinal);
        Assert.Contains("ReadOnlyPaths=-+/srv /etc\n", app, StringComparison.Ordinal);
        var finding = Assert.Single(worker.Validate(), d => d.Id.StartsWith("CDSL2", StringComparison.Ordinal));
        Assert.Equal("CDSL214", finding.Id);
        Assert.Contains("':' and '/' are not allowed", finding.Message, StringComparison.Ordinal);
    }
}
