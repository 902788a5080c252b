extern alias analyzers;

using System.Text.RegularExpressions;
using System.Xml.Linq;
using CoreosDsl.Analyzers.Tests.Support;
using CoreosDsl.Tests.Shared;
using AnalyzerDescriptors = analyzers::CoreosDsl.Generators.Diagnostics.AnalyzerDescriptors;
using RuleCatalog = analyzers::CoreosDsl.Rules.RuleCatalog;

namespace CoreosDsl.Analyzers.Tests;

/// <summary>
/// Help links open: every diagnostic's help link and every generated [Obsolete] URL is the absolute address of
/// its section of docs/diagnostics.md in the repository named by RepositoryUrl in Directory.Build.props.
/// </summary>
public class HelpLinkTests
{
    /// <summary>RepositoryUrl as Directory.Build.props sets it (read here from the file, not from the assemblies).</summary>
    private static readonly string RepositoryUrl = XDocument.Load(Path.Combine(TestPaths.RepoRoot, "Directory.Build.props"))
        .Descendants("RepositoryUrl").Single().Value;

    private static readonly string Docs = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "diagnostics.md"));

    public static string Expected(string id) => $"{RepositoryUrl}/blob/main/docs/diagnostics.md#{id.ToLowerInvariant()}";

    [Fact]
    public void The_repository_url_is_an_absolute_https_address()
    {
        Assert.True(Uri.TryCreate(RepositoryUrl, UriKind.Absolute, out var uri), RepositoryUrl);
        Assert.Equal("https", uri!.Scheme);
        Assert.False(RepositoryUrl.EndsWith('/'), RepositoryUrl);
    }

    [Fact]
    public void Every_analyzer_and_generator_diagnostic_links_to_its_section()
    {
        var descriptors = AnalyzerDescriptors.All
            .Concat(new[] { "CDSL001", "CDSL002", "CDSL003", "CDSL004", "CDSL101", "CDSL102" }.Select(analyzers::CoreosDsl.Generators.DiagnosticDescriptors.ById));
        foreach (var descriptor in descriptors)
        {
            Assert.Equal(Expected(descriptor.Id), descriptor.HelpLinkUri);
            Assert.Matches(new Regex($"^## {descriptor.Id}$", RegexOptions.Multiline), Docs);
        }
    }

    [Fact]
    public void Rule_findings_at_run_time_carry_the_same_links()
    {
        foreach (var rule in RuleCatalog.All)
        {
            Assert.Equal(Expected(rule.Id), rule.HelpLink);
        }
    }

    [Fact]
    public void Generated_obsolete_attributes_carry_absolute_urls_to_documented_sections()
    {
        // The builders as they ship: generated once into CoreosDsl.Systemd (methods and enum values).
        var members = typeof(CoreosDsl.Systemd.SectionBuilder).Assembly.GetTypes()
            .SelectMany(t => t.GetMembers(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.DeclaredOnly));
        var urls = members.Select(m => m.GetCustomAttributes(typeof(ObsoleteAttribute), inherit: false).Cast<ObsoleteAttribute>().SingleOrDefault())
            .Where(a => a?.DiagnosticId is not null)
            .Select(a => (Id: a!.DiagnosticId!, Url: a.UrlFormat)).Distinct().ToList();

        Assert.NotEmpty(urls);
        // CDSL103 (a directive its section never accepts) stays [Obsolete]; CDSL101/102 come from the analyzer.
        Assert.Contains(urls, u => u.Id == "CDSL103");
        Assert.DoesNotContain(urls, u => u.Id is "CDSL101" or "CDSL102");
        foreach (var (id, url) in urls)
        {
            Assert.Equal(Expected(id), url);
            Assert.Matches(new Regex($"^## {id}$", RegexOptions.Multiline), Docs);
        }
    }
}
