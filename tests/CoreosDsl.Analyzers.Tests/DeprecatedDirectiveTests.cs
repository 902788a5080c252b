using CoreosDsl.Analyzers.Tests.Support;
using Microsoft.CodeAnalysis;

namespace CoreosDsl.Analyzers.Tests;

/// <summary>
/// CDSL101/CDSL102 come from the deprecation analyzer, which weighs the versions in a builder method's
/// <c>[SystemdDeprecated]</c> against the project's <c>CoreosDslSystemdVersion</c>: the same call is fine, a warning
/// or an error depending on the project, and it is reported wherever the method is used, as the compiler's
/// <c>[Obsolete]</c> was.
/// </summary>
public class DeprecatedDirectiveTests
{
    private const string CpuShares = """Units.Service("a.service", s => s.Service(x => x.ExecStart("/bin/true").CPUShares(16)))""";

    private static List<Diagnostic> Deprecations(int version, string source) =>
        AnalyzerHarness.Compile(new ProjectSettings(version), source).All.Where(d => d.Id is "CDSL101" or "CDSL102").ToList();

    [Theory]
    [InlineData(249, null)]
    [InlineData(252, "CDSL101")]
    [InlineData(258, "CDSL102")]
    public void TheProjectsSystemdVersionDecides(int version, string? expected)
    {
        var found = Deprecations(version, Snippets.Unit(CpuShares));

        Assert.Equal(expected is null ? [] : [expected], found.Select(d => d.Id));
        if (expected is not null)
        {
            var d = found[0];
            Assert.Equal(expected == "CDSL102" ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, d.Severity);
            Assert.Equal("CPUShares", d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan));
            Assert.Contains($"(target: systemd {version}", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AMethodGroupIsReportedToo()
    {
        var found = Deprecations(252, """
            public static class Snippet
            {
                public static UnitFile Build()
                {
                    System.Func<ulong, ServiceSectionBuilder>? f = null;
                    return Units.Service("a.service", s => s.Service(x => { f = x.CPUShares; x.ExecStart("/bin/true"); }));
                }
            }
            """);

        Assert.Equal(["CDSL101"], found.Select(d => d.Id));
    }

    [Fact]
    public void CodeMarkedObsoleteIsLeftAlone()
    {
        var found = Deprecations(258, """
            public static class Snippet
            {
                [System.Obsolete("the cgroup-v1 variant, kept for old hosts")]
                public static UnitFile Build() => Units.Service("a.service", s => s.Service(x => x.ExecStart("/bin/true").CPUShares(16)));
            }
            """);

        Assert.Empty(found);
    }

    [Fact]
    public void ASharedUnitsLibraryServesProjectsOnDifferentSystemdVersions()
    {
        // A class library of standard units, compiled once (its own target is the default, 252), exposes
        // CoreosDsl.Systemd's public builder types; two definitions projects reference the built assembly.
        var library = AnalyzerHarness.Compile(ProjectSettings.Default, """
            namespace Standard;

            public static class StandardUnits
            {
                public static UnitFile Web(System.Action<ServiceSectionBuilder> tune) =>
                    Units.Service("web.service", u => u.Service(s => tune(s.ExecStart("/usr/bin/web"))));
            }
            """);
        Assert.Empty(library.All);
        using var image = new MemoryStream();
        Assert.True(library.Compilation.WithAssemblyName("Standard").Emit(image).Success);
        var reference = MetadataReference.CreateFromImage(image.ToArray());

        const string Use = """
            public static class Snippet
            {
                public static UnitFile Web() => Standard.StandardUnits.Web(s => s.CPUShares(512));
            }
            """;
        List<string> Found(int version) => AnalyzerHarness.Compile(new ProjectSettings(version), [reference], Use).All.Select(d => d.Id).ToList();

        // CPUShares= is deprecated from systemd 252 and ignored from 258: each project gets its own verdict.
        Assert.Equal([], Found(251));
        Assert.Equal(["CDSL101"], Found(252));
        Assert.Equal(["CDSL102"], Found(258));
    }
}
