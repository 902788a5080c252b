using System.Text.RegularExpressions;
using CoreosDsl.Analyzers.Tests.Support;
using CoreosDsl.Tests.Shared;
using Microsoft.CodeAnalysis;

namespace CoreosDsl.Analyzers.Tests;

/// <summary>
/// Every C# block of README.md and docs/*.md does what the text around it says: compiled as a package consumer's
/// project compiles it (the package's global usings, the generator, all CoreosDsl analyzers), a block reports exactly
/// the diagnostics its marker expects and otherwise no warning or error. The marker is an HTML comment on the line
/// before the fence (CONTRIBUTING.md):
/// <list type="bullet">
/// <item>no marker, or <c>&lt;!-- snippet: file --&gt;</c>: a whole C# file; <c>program</c>: a file of a console
/// program (top-level statements; with <c>prints</c> it is run, and prints what its last comment lines say);
/// <c>members</c>: members of a class; <c>fragment [RECEIVER]</c>: builder calls
/// (<see cref="DocSnippetTemplates"/> has the templates);</item>
/// <item><c>expect ID ...</c> after the kind: the block's failing part (before a <c>// fixed</c> line) reports exactly
/// these IDs (each at least once, nothing else; in a fragment every statement reports), and its fixed part nothing;</item>
/// <item><c>excerpt PATH</c>: a shortened copy of a file (or the .cs files of a folder) of the repository, which its
/// own build checks: its code lines, without comments, appear there in this order;</item>
/// <item><c>skip REASON</c>: not checked (rare, with the reason).</item>
/// </list>
/// </summary>
[Collection(ConsoleOutput.Collection)] // a program block's output is read from Console.Out
public class DocSnippetTests
{
    /// <summary>A definitions project using the packages: the SDK's implicit usings and those of the CoreosDsl packages.</summary>
    private static readonly string Usings = string.Concat(
        new[]
        {
            "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks",
            "CoreosDsl", "CoreosDsl.CloudConfig", "CoreosDsl.Ignition", "CoreosDsl.Systemd", "CoreosDsl.Host",
        }.Select(u => $"global using {u};\n"));

    /// <summary>What the documentation's test examples use besides the definitions: CoreosDsl.Testing and xunit.</summary>
    private static readonly MetadataReference[] TestReferences =
    [
        MetadataReference.CreateFromFile(typeof(CoreosDsl.Testing.Snapshot).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(FactAttribute).Assembly.Location),
    ];

    public static TheoryData<string> Blocks() => [.. DocSnippets.All.Select(s => s.Place)];

    [Theory]
    [MemberData(nameof(Blocks))]
    public void TheBlockDoesWhatItsTextSays(string place)
    {
        var problem = Check(DocSnippets.All.Single(s => s.Place == place));
        Assert.True(problem is null, problem);
    }

    /// <summary>What is wrong with the block, naming its place; null when it does what its marker says.</summary>
    public static string? Check(DocSnippet snippet)
    {
        switch (snippet.Kind)
        {
            case "skip":
                return null;
            case "excerpt":
                return CheckExcerpt(snippet);
        }

        var expected = snippet.Marker?.Expected ?? [];
        var (failing, @fixed) = expected.Count > 0 ? DocSnippetTemplates.Split(snippet.Code) : (snippet.Code, null);
        var reported = Diagnostics(snippet, failing);
        var ids = reported.Select(d => d.Id).Distinct().Order(StringComparer.Ordinal);
        if (!ids.SequenceEqual(expected.Distinct().Order(StringComparer.Ordinal)))
        {
            return $"{snippet.Place}: the block ({snippet.Kind}) should report {(expected.Count == 0 ? "nothing" : string.Join(", ", expected))}, it reports:\n"
                + Describe(reported, snippet, failing);
        }

        // Each statement of a failing fragment is a mistake of its own: each reports.
        var silent = snippet.Kind == "fragment" && expected.Count > 0
            ? StatementMethods(snippet, failing).Where(m => !reported.Any(d => d.Location.IsInSource && d.Location.SourceTree!.FilePath == "User0.cs" && m.Span.Contains(d.Location.SourceSpan))).ToList()
            : [];
        if (silent.Count > 0)
        {
            return $"{snippet.Place}: each statement of the failing part should report, this one reports nothing:\n{silent[0]}";
        }

        var afterFix = @fixed is null ? [] : Diagnostics(snippet, @fixed);
        if (afterFix.Count > 0)
        {
            return $"{snippet.Place}: the fixed part of the block should report nothing, it reports:\n" + Describe(afterFix, snippet, @fixed!);
        }

        return snippet.Marker?.Prints == true ? CheckOutput(snippet) : null;
    }

    /// <summary>
    /// Runs a <c>program prints</c> block: what it prints, line by line, is what its last comment lines say, where
    /// <c>...</c> stands for any text.
    /// </summary>
    private static string? CheckOutput(DocSnippet snippet)
    {
        var expected = snippet.Code.TrimEnd().Split('\n').Reverse().TakeWhile(l => l.StartsWith("// ", StringComparison.Ordinal))
            .Reverse().Select(l => l["// ".Length..]).ToList();
        var compiled = Compile(snippet, snippet.Code);
        var output = new StringWriter();
        var context = new System.Runtime.Loader.AssemblyLoadContext("doc snippet", isCollectible: true);
        var console = Console.Out;
        try
        {
            var assembly = AnalyzerHarness.Load(context, AnalyzerHarness.Emit(compiled));
            Console.SetOut(output);
            assembly.EntryPoint!.Invoke(null, [Array.Empty<string>()]);
        }
        finally
        {
            Console.SetOut(console);
            context.Unload();
        }

        var printed = output.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        var matches = printed.Length == expected.Count && printed.Zip(expected).All(p =>
            Regex.IsMatch(p.First, "^" + string.Join(".*", p.Second.Split("...").Select(Regex.Escape)) + "$"));
        return matches || expected.Count == 0
            ? (expected.Count == 0 ? $"{snippet.Place}: 'prints' needs the output as the block's last comment lines" : null)
            : $"{snippet.Place}: the program should print\n  {string.Join("\n  ", expected)}\nit prints\n  {string.Join("\n  ", printed)}";
    }

    [Fact]
    public void EveryMarkdownFileIsRead() => Assert.Contains("docs/diagnostics.md", DocSnippets.Files);

    [Fact]
    public void MarkersAreReadOrRefusedWithTheirPlace()
    {
        var read = DocSnippets.Read("x.md", "<!-- snippet: fragment s expect CDSL201 CDSL202 -->\n```csharp\n.Service(x => x)\n```\n").Single();
        Assert.Equal(("fragment", "s"), (read.Marker!.Kind, read.Marker.Argument));
        Assert.Equal(["CDSL201", "CDSL202"], read.Marker.Expected);
        Assert.Equal("x.md:2", read.Place);

        var unknown = Assert.Throws<FormatException>(() => DocSnippets.Read("x.md", "text\n<!-- snippet: fragmnt -->\n```csharp\nx\n```\n").ToList());
        Assert.StartsWith("x.md:2: unknown snippet marker", unknown.Message, StringComparison.Ordinal);
        var stray = Assert.Throws<FormatException>(() => DocSnippets.Read("x.md", "<!-- snippet: members -->\ntext\n").ToList());
        Assert.StartsWith("x.md:1: snippet marker not followed", stray.Message, StringComparison.Ordinal);
        var notCSharp = Assert.Throws<FormatException>(() => DocSnippets.Read("x.md", "<!-- snippet: members -->\n```text\nx\n```\n").ToList());
        Assert.StartsWith("x.md:1: snippet marker before a ```text block", notCSharp.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => DocSnippets.Parse("x.md", 1, "skip"));
        Assert.Throws<FormatException>(() => DocSnippets.Parse("x.md", 1, "fragment s expect"));
    }

    [Fact]
    public void ABlockThatNoLongerMatchesItsTextFails()
    {
        // CDSL201's block: its failing part reports CDSL201 and its fixed part nothing.
        var block = DocSnippets.All.Single(s => s.Marker?.Expected.SequenceEqual(["CDSL201"]) == true);
        Assert.Null(Check(block));

        var otherId = block with { Marker = block.Marker! with { Expected = ["CDSL202"] } };
        Assert.StartsWith($"{block.Place}: the block (fragment) should report CDSL202, it reports:\n  CDSL201: ", Check(otherId), StringComparison.Ordinal);
        var brokenFix = block with { Code = block.Code.Replace("05:00:00", "05:61:00", StringComparison.Ordinal) };
        Assert.StartsWith($"{block.Place}: the fixed part of the block should report nothing, it reports:\n  CDSL201: ", Check(brokenFix), StringComparison.Ordinal);
        var noCompile = block with { Marker = null, Code = "public static class C { public static void M() => Undefined(); }" };
        Assert.Contains("CS0103", Check(noCompile), StringComparison.Ordinal);
        var wrongExcerpt = block with { Marker = new SnippetMarker("excerpt", "examples/LocalWorkers", []), Code = "return WorkerHost.Run(args, Other.Define);" };
        Assert.Contains("has no line 'return WorkerHost.Run(args, Other.Define);'", Check(wrongExcerpt), StringComparison.Ordinal);

        // The runtime twin's program prints CDSL225; a block that said CDSL224 would fail.
        var program = DocSnippets.All.Single(s => s.Marker?.Prints == true);
        Assert.Null(Check(program));
        var otherOutput = program with { Code = program.Code.Replace("// error CDSL225", "// error CDSL224", StringComparison.Ordinal) };
        Assert.StartsWith($"{program.Place}: the program should print\n  error CDSL224", Check(otherOutput), StringComparison.Ordinal);
    }

    /// <summary>The methods a fragment's statements are wrapped in, as the compiled file has them.</summary>
    private static IEnumerable<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax> StatementMethods(DocSnippet snippet, string code) =>
        Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(DocSnippetTemplates.Wrap(snippet.Marker, code), AnalyzerHarness.ParseOptions)
            .GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>();

    /// <summary>The warnings and errors of the block's file (not the prelude's or the generator's).</summary>
    private static List<Diagnostic> Diagnostics(DocSnippet snippet, string code) =>
        [.. Compile(snippet, code).All.Where(d => d.Location.SourceTree?.FilePath != "User1.cs")];

    /// <summary>The block's file (User0.cs) and the prelude (User1.cs), compiled; the prelude must compile cleanly.</summary>
    private static CompiledSnippet Compile(DocSnippet snippet, string code)
    {
        var kind = snippet.Kind == "program" ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary;
        var compiled = AnalyzerHarness.Compile(
            new ProjectSettings(SystemdVersion: snippet.Marker?.SystemdVersion ?? 252, Kind: kind, Usings: Usings),
            TestReferences,
            DocSnippetTemplates.Wrap(snippet.Marker, code),
            DocSnippetTemplates.Prelude);
        var prelude = compiled.All.Where(d => d.Location.SourceTree?.FilePath == "User1.cs").ToList();
        Assert.True(prelude.Count == 0, "the prelude does not compile:\n" + string.Join("\n", prelude));
        return compiled;
    }

    private static string Describe(IEnumerable<Diagnostic> diagnostics, DocSnippet snippet, string code) =>
        string.Join("\n", diagnostics.Select(d => $"  {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}"
            + (d.Location.IsInSource ? $" at '{d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan)}'" : "")))
        + "\ncompiled as:\n" + DocSnippetTemplates.Wrap(snippet.Marker, code);

    /// <summary>The block's code lines (comments and blank lines left out) appear in the file or folder in this order.</summary>
    private static string? CheckExcerpt(DocSnippet snippet)
    {
        var path = Path.Combine(TestPaths.RepoRoot, snippet.Marker!.Argument!);
        var files = Directory.Exists(path) ? Directory.GetFiles(path, "*.cs").Order(StringComparer.Ordinal).ToArray() : [path];
        if (files.Length == 0 || !files.All(File.Exists))
        {
            return $"{snippet.Place}: excerpt of '{snippet.Marker.Argument}', which does not exist";
        }

        // A line of the block is one line of the file or several consecutive ones joined (spaces aside).
        var source = files.SelectMany(f => CodeLines(File.ReadAllText(f))).Select(l => l.Replace(" ", "", StringComparison.Ordinal)).ToList();
        var at = 0;
        foreach (var line in CodeLines(snippet.Code))
        {
            var wanted = line.Replace(" ", "", StringComparison.Ordinal);
            var found = Enumerable.Range(at, source.Count - at).Select(start => (Start: start, End: JoinedEnd(source, start, wanted))).FirstOrDefault(m => m.End > 0, (Start: -1, End: -1));
            if (found.Start < 0)
            {
                return $"{snippet.Place}: excerpt of '{snippet.Marker.Argument}', which has no line '{line}' after its line '{(at > 0 ? source[at - 1] : "")}'";
            }

            at = found.End;
        }

        return null;
    }

    /// <summary>The index after the lines from <paramref name="start"/> whose concatenation is <paramref name="wanted"/>; 0 when none.</summary>
    private static int JoinedEnd(List<string> lines, int start, string wanted)
    {
        var joined = "";
        for (var i = start; i < lines.Count && joined.Length < wanted.Length; i++)
        {
            joined += lines[i];
            if (!wanted.StartsWith(joined, StringComparison.Ordinal))
            {
                return 0;
            }

            if (joined.Length == wanted.Length)
            {
                return i + 1;
            }
        }

        return 0;
    }

    /// <summary>Lines of code: comments (a line's own, or after the code) and blank lines removed, spaces collapsed.</summary>
    private static IEnumerable<string> CodeLines(string code) => code.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
        .Select(l => Regex.Replace(TrailingComment().Replace(l, "${code}"), @"\s+", " ").Trim())
        .Where(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal) && !l.StartsWith("///", StringComparison.Ordinal));

    /// <summary>A <c>//</c> comment after code, outside a string (an even number of quotes before it).</summary>
    private static Regex TrailingComment() => TrailingCommentPattern;

    private static readonly Regex TrailingCommentPattern = new(@"^(?<code>(?:[^""/]|""[^""]*""|/(?!/))*?)\s*//.*$", RegexOptions.Compiled);
}
