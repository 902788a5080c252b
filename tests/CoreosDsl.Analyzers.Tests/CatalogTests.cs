extern alias analyzers;

using System.Text.RegularExpressions;
using CoreosDsl.Analyzers.Tests.Support;
using CoreosDsl.Tests.Shared;
using Microsoft.CodeAnalysis;
using AnalyzerDescriptors = analyzers::CoreosDsl.Generators.Diagnostics.AnalyzerDescriptors;
using RuleCatalog = analyzers::CoreosDsl.Rules.RuleCatalog;
using RuleSeverity = analyzers::CoreosDsl.Rules.RuleSeverity;

namespace CoreosDsl.Analyzers.Tests;

/// <summary>The rule catalog, the compiler's descriptors, the analyzers and docs/diagnostics.md agree.</summary>
public class CatalogTests
{
    [Fact]
    public void EachDescriptorSaysWhatTheCatalogSays()
    {
        Assert.Equal(RuleCatalog.All.Select(r => r.Id), AnalyzerDescriptors.All.Select(d => d.Id));
        foreach (var (rule, descriptor) in RuleCatalog.All.Zip(AnalyzerDescriptors.All))
        {
            Assert.Equal(rule.Title, descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(rule.MessageFormat, descriptor.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(rule.Category, descriptor.Category);
            Assert.Equal(rule.Severity == RuleSeverity.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, descriptor.DefaultSeverity);
            Assert.Equal(rule.HelpLink, descriptor.HelpLinkUri);
        }
    }

    [Fact]
    public void EveryRuleIsReportedByExactlyOneAnalyzer()
    {
        // Besides the catalog's rules, which Validate() reports too, the deprecation analyzer's CDSL101/CDSL102 (they
        // weigh the project's target systemd version, which a running worker does not have).
        var supported = AnalyzerHarness.Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToList();

        Assert.Equal(RuleCatalog.All.Select(r => r.Id).Append("CDSL101").Append("CDSL102").Order(StringComparer.Ordinal), supported.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryRuleHasADocumentedSectionWithAFailingAndAFixedExample()
    {
        var docs = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "diagnostics.md"));
        foreach (var rule in RuleCatalog.All)
        {
            Assert.Contains($"| [{rule.Id}](#{rule.Id.ToLowerInvariant()}) | {(rule.Severity == RuleSeverity.Error ? "error" : "warning")} |", docs, StringComparison.Ordinal);
            var section = Regex.Match(docs, $"## {rule.Id}\n(.*?)(?=\n## |$)", RegexOptions.Singleline);
            Assert.True(section.Success, $"docs/diagnostics.md has no section ## {rule.Id}");
            Assert.Contains("failing", section.Groups[1].Value, StringComparison.Ordinal);
            Assert.Contains("fixed", section.Groups[1].Value, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheReleaseFileListsEveryRule()
    {
        var releases = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "generators", "CoreosDsl.Generators", "AnalyzerReleases.Unshipped.md"));
        foreach (var rule in RuleCatalog.All)
        {
            Assert.Contains($"{rule.Id} | {rule.Category} | {rule.Severity} | {rule.Title}", releases, StringComparison.Ordinal);
        }
    }
}
