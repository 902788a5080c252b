extern alias codefixes;

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace CoreosDsl.Analyzers.Tests.Support;

/// <summary>
/// Applies a code fix the way an IDE does: the snippet and the generated builders go into an AdhocWorkspace project,
/// the compiler and the analyzers report, the fix provider registers its actions for the diagnostic, and the first
/// action's changed document is the result.
/// </summary>
public static class CodeFixHarness
{
    public static ImmutableArray<CodeFixProvider> Providers { get; } =
    [
        new codefixes::CoreosDsl.CodeFixes.RenamedDirectiveCodeFix(),
        new codefixes::CoreosDsl.CodeFixes.MountNameCodeFix(),
        new codefixes::CoreosDsl.CodeFixes.DoublePercentCodeFix(),
        new codefixes::CoreosDsl.CodeFixes.IgnitionPathCodeFix(),
    ];

    /// <summary>The source after applying the fix for the one diagnostic <paramref name="id"/>; null when no fix is offered.</summary>
    public static async Task<(string? Fixed, string? Title)> ApplyAsync(string source, string id, ProjectSettings? settings = null)
    {
        settings ??= ProjectSettings.Default;
        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Default, "Snippet", "Snippet", LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: AnalyzerHarness.ParseOptions,
            metadataReferences: AnalyzerHarness.MetadataReferences));
        var document = project.AddDocument("User0.cs", SourceText.From(source));
        project = document.Project.AddDocument("GlobalUsings.g.cs", SourceText.From(AnalyzerHarness.GlobalUsings)).Project;
        document = project.GetDocument(document.Id)!;
        var compilation = (await project.GetCompilationAsync())!;
        var tree0 = (await document.GetSyntaxTreeAsync())!;
        var model = compilation.GetSemanticModel(tree0);
        var analyzed = compilation.WithAnalyzers(AnalyzerHarness.Analyzers,
            new AnalyzerOptions(AnalyzerHarness.AdditionalFiles, new BuildPropertiesProvider(settings.BuildProperties)));
        var diagnostics = model.GetDiagnostics()
            .Concat(await analyzed.GetAnalyzerSemanticDiagnosticsAsync(model, null, CancellationToken.None))
            .Where(d => d.Id == id)
            .ToList();
        var diagnostic = Assert.Single(diagnostics);

        var actions = new List<CodeAction>();
        foreach (var provider in Providers.Where(p => p.FixableDiagnosticIds.Contains(id)))
        {
            await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None));
        }

        if (actions.Count == 0)
        {
            return (null, null);
        }

        var operations = await actions[0].GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetDocument(document.Id)!;
        return ((await changed.GetTextAsync()).ToString(), actions[0].Title);
    }
}
