using System.Text.RegularExpressions;
using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Analyzers.Tests.Support;

/// <summary>
/// A C# code block of the documentation (```csharp or ```cs in README.md and docs/*.md) with the marker on the line
/// before its fence, an HTML comment the reader does not see: <c>&lt;!-- snippet: KIND [ARGUMENT] [expect ID ...] --&gt;</c>.
/// </summary>
/// <param name="File">The Markdown file, relative to the repository (README.md, docs/diagnostics.md).</param>
/// <param name="Line">The line of the opening fence (1-based).</param>
/// <param name="Code">The block's text, without the fences.</param>
/// <param name="Marker">What the marker says; null when the block has none (a whole file).</param>
public sealed record DocSnippet(string File, int Line, string Code, SnippetMarker? Marker)
{
    /// <summary>Where the block is, as an editor opens it: <c>docs/diagnostics.md:123</c>.</summary>
    public string Place => $"{File}:{Line}";

    /// <summary>The kind of the block (a block without a marker is a whole file).</summary>
    public string Kind => Marker?.Kind ?? "file";

    public override string ToString() => Place;
}

/// <summary>
/// A parsed marker. Kinds: <c>file</c> (the default), <c>program [prints]</c>, <c>members</c>, <c>fragment [RECEIVER]</c>,
/// <c>excerpt PATH</c>, <c>skip REASON</c>; <c>expect ID ...</c> after the kind lists the diagnostics the block's
/// failing part must report (DocSnippetTests describes each).
/// </summary>
/// <param name="Kind">The first word.</param>
/// <param name="Argument">The words between the kind and <c>expect</c> (a receiver, a path, a reason), or null.</param>
/// <param name="Expected">The IDs after <c>expect</c>; empty when there is no <c>expect</c>.</param>
/// <param name="SystemdVersion">The project's CoreosDslSystemdVersion (<c>systemd=258</c>; default 252).</param>
/// <param name="Ignition">Whether a fragment's worker is an Ignition worker (<c>ignition</c>: <c>.WithIgnition()</c>).</param>
/// <param name="Prints">Whether a program is run and prints what the block's last comment lines say (<c>prints</c>).</param>
public sealed record SnippetMarker(string Kind, string? Argument, IReadOnlyList<string> Expected, int SystemdVersion = 252, bool Ignition = false, bool Prints = false);

/// <summary>Finds the C# code blocks of README.md and docs/*.md and their markers.</summary>
public static partial class DocSnippets
{
    /// <summary>The Markdown files whose C# blocks are checked, relative to the repository.</summary>
    public static IReadOnlyList<string> Files { get; } =
    [
        "README.md",
        .. Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "docs"), "*.md")
            .Select(f => Path.GetRelativePath(TestPaths.RepoRoot, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>Every C# block of <see cref="Files"/>, in order.</summary>
    public static IReadOnlyList<DocSnippet> All { get; } = [.. Files.SelectMany(f => Read(f, File.ReadAllText(Path.Combine(TestPaths.RepoRoot, f))))];

    /// <summary>
    /// The C# blocks of one Markdown text. A marker that is not directly before a C# fence (only blank lines between)
    /// or that cannot be read throws, naming the file and line.
    /// </summary>
    public static IEnumerable<DocSnippet> Read(string file, string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        (SnippetMarker Marker, int Line)? pending = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var marker = MarkerLine().Match(line);
            if (marker.Success)
            {
                if (pending is { } earlier)
                {
                    throw new FormatException($"{file}:{earlier.Line}: snippet marker not followed by a ```csharp block");
                }

                pending = (Parse(file, i + 1, marker.Groups["text"].Value), i + 1);
                continue;
            }

            var fence = Fence().Match(line);
            if (!fence.Success)
            {
                if (line.Trim().Length > 0 && pending is { } stray)
                {
                    throw new FormatException($"{file}:{stray.Line}: snippet marker not followed by a ```csharp block");
                }

                continue;
            }

            var start = i;
            var body = new List<string>();
            for (i++; i < lines.Length && !lines[i].TrimStart().StartsWith(fence.Groups["ticks"].Value, StringComparison.Ordinal); i++)
            {
                body.Add(lines[i]);
            }

            var language = fence.Groups["lang"].Value.ToLowerInvariant();
            if (language is "csharp" or "cs" or "c#")
            {
                yield return new DocSnippet(file, start + 1, string.Join("\n", body), pending?.Marker);
            }
            else if (pending is { } misplaced)
            {
                throw new FormatException($"{file}:{misplaced.Line}: snippet marker before a ```{language} block; markers belong to C# blocks");
            }

            pending = null;
        }

        if (pending is { } last)
        {
            throw new FormatException($"{file}:{last.Line}: snippet marker not followed by a ```csharp block");
        }
    }

    /// <summary>Reads the text of a marker: <c>KIND [ARGUMENT ...] [expect ID ...]</c>.</summary>
    public static SnippetMarker Parse(string file, int line, string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0)
        {
            throw new FormatException($"{file}:{line}: empty snippet marker; write <!-- snippet: KIND ... -->");
        }

        var kind = words[0];
        var expectAt = Array.IndexOf(words, "expect");
        var argumentWords = words[1..(expectAt < 0 ? words.Length : expectAt)];
        var version = 252;
        var ignition = false;
        var prints = false;
        if (kind is "file" or "program" or "members" or "fragment")
        {
            // Project settings: systemd=N, and for fragments ignition.
            var versionWords = argumentWords.Where(w => w.StartsWith("systemd=", StringComparison.Ordinal)).ToList();
            if (versionWords.Count == 1 && int.TryParse(versionWords[0]["systemd=".Length..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v))
            {
                version = v;
                argumentWords = [.. argumentWords.Except(versionWords)];
            }

            ignition = kind == "fragment" && argumentWords.Contains("ignition");
            prints = kind == "program" && argumentWords.Contains("prints");
            argumentWords = [.. argumentWords.Where(w => !(ignition && w == "ignition") && !(prints && w == "prints"))];
        }

        var argument = argumentWords.Length == 0 ? null : string.Join(' ', argumentWords);
        var expected = expectAt < 0 ? [] : words[(expectAt + 1)..];
        var known = kind switch
        {
            "file" or "program" or "members" => argument is null,
            "fragment" => argument is null || DocSnippetTemplates.IsReceiver(argument),
            "excerpt" or "skip" => argument is not null && expectAt < 0,
            _ => false,
        };
        if (!known)
        {
            throw new FormatException(
                $"{file}:{line}: unknown snippet marker '{text}'; write file, program [prints], members, fragment [{string.Join("|", DocSnippetTemplates.Receivers)}] [ignition] (each optionally systemd=N), excerpt PATH or skip REASON; then optionally expect ID ...");
        }

        if (expectAt >= 0 && (expected.Length == 0 || expected.Any(id => !DiagnosticId().IsMatch(id))))
        {
            throw new FormatException($"{file}:{line}: 'expect' takes diagnostic IDs (CDSL201, CS0103): '{text}'");
        }

        return new SnippetMarker(kind, argument, expected, version, ignition, prints);
    }

    [GeneratedRegex(@"^\s*<!--\s*snippet:(?<text>.*?)-->\s*$")]
    private static partial Regex MarkerLine();

    [GeneratedRegex(@"^\s*(?<ticks>```+)\s*(?<lang>[^\s`]*)")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^[A-Z]+[0-9]+$")]
    private static partial Regex DiagnosticId();
}
